using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Gateway.Hosting;

/// <summary>Where the gateway listens, read from the <c>Gateway</c> configuration section.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The plain HTTP address. Default <c>http://127.0.0.1:8080</c>; empty turns plain HTTP off.</summary>
    public string? HttpUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>
    /// The HTTPS address, served only when <see cref="CertificatePath"/> is set. Default <c>https://127.0.0.1:8443</c>.
    /// </summary>
    public string? HttpsUrl { get; set; } = "https://127.0.0.1:8443";

    /// <summary>
    /// The plain-text HTTP/2 (h2c) address for gRPC clients that connect without TLS. Default
    /// <c>http://127.0.0.1:8081</c>; empty turns it off. It serves HTTP/2 only, and clients must use prior knowledge
    /// (Grpc.Net.Client does for <c>http://</c> addresses), because Kestrel gives a plain-text endpoint that allows
    /// both HTTP/1.1 and HTTP/2 only HTTP/1.1. The HTTPS address serves gRPC as well, through ALPN.
    /// </summary>
    public string? GrpcUrl { get; set; } = "http://127.0.0.1:8081";

    /// <summary>A PEM certificate (chain) for HTTPS. Default none, which turns HTTPS off with a warning.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/>. Default none: the key is read from the certificate file.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>
    /// The largest request body in bytes. Default 1 MiB, which fits any valid JSON request; endpoints that take
    /// uploads raise their own limit.
    /// </summary>
    [Range(1024, int.MaxValue, ErrorMessage = "Gateway:MaxRequestBodyBytes must be at least 1024.")]
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
