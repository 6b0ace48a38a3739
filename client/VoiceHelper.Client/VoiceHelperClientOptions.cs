namespace VoiceHelper.Client;

/// <summary>
/// Settings of a <see cref="VoiceHelperClient"/>: where the gateway is, the API key, timeouts, retries and which
/// certificate to trust. The client checks them once, when it is created.
/// </summary>
public sealed class VoiceHelperClientOptions
{
    /// <summary>The default <see cref="Address"/>: the plain-text gRPC address that <c>build.ps1 run</c> serves.</summary>
    public static readonly Uri DefaultAddress = new("http://127.0.0.1:8081");

    /// <summary>The largest <see cref="UploadChunkSize"/>, 1 MiB, well under gRPC's 4 MiB message limit.</summary>
    public const int MaxUploadChunkSize = 1024 * 1024;

    /// <summary>The smallest <see cref="UploadChunkSize"/>, 1 KiB.</summary>
    public const int MinUploadChunkSize = 1024;

    /// <summary>The most retries that <see cref="MaxRetryAttempts"/> allows.</summary>
    public const int MaxRetryAttemptsLimit = 10;

    /// <summary>
    /// The gateway's gRPC address. An <c>http://</c> address speaks plain-text HTTP/2 (the gateway's
    /// <c>Gateway:GrpcUrl</c>); an <c>https://</c> address speaks TLS (<c>Gateway:HttpsUrl</c>). Default
    /// <c>http://127.0.0.1:8081</c>.
    /// </summary>
    public Uri Address { get; set; } = DefaultAddress;

    /// <summary>The API key that every call sends as <c>authorization: Bearer KEY</c>. Required.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>
    /// The deadline of each attempt of a call that returns one response. Default 30 seconds;
    /// <see cref="Timeout.InfiniteTimeSpan"/> sets none.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The deadline of each streaming call: an upload that waits for indexing, one streamed answer, or one voice
    /// session. Default 30 minutes; <see cref="Timeout.InfiniteTimeSpan"/> sets none.
    /// </summary>
    public TimeSpan StreamTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long opening a connection to the gateway may take. Default 10 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many times a failed call is retried when repeating it is safe and the failure is transient, 0 to 10.
    /// Default 3. Calls that are not safe to repeat, such as creating a knowledge base, are never retried.
    /// </summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>
    /// The delay before the first retry; each further retry waits about twice as long, with random jitter.
    /// Default 200 milliseconds.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// A PEM file with a certificate to trust for <c>https://</c> addresses besides the system's roots, such as the
    /// self-signed development certificate <c>.data/tls/dev-cert.pem</c> of <c>build.ps1 run</c>. Default none.
    /// </summary>
    public string? TrustedCertificatePath { get; set; }

    /// <summary>The size of the pieces that uploads send, 1 KiB to 1 MiB. Default 256 KiB.</summary>
    public int UploadChunkSize { get; set; } = 256 * 1024;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is invalid, and how to fix it.</summary>
    public void Validate()
    {
        ValidateAddress();
        ValidateApiKey();
        ValidateTimeout(nameof(RequestTimeout), RequestTimeout);
        ValidateTimeout(nameof(StreamTimeout), StreamTimeout);
        ValidateTimeout(nameof(ConnectTimeout), ConnectTimeout);
        if (MaxRetryAttempts is < 0 or > MaxRetryAttemptsLimit)
        {
            throw Invalid(nameof(MaxRetryAttempts),
                $"{nameof(MaxRetryAttempts)} is {MaxRetryAttempts}; set it to 0 to {MaxRetryAttemptsLimit}.");
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(1))
        {
            throw Invalid(nameof(RetryDelay), $"{nameof(RetryDelay)} is {RetryDelay}; set it to 0 to 1 minute.");
        }

        if (UploadChunkSize is < MinUploadChunkSize or > MaxUploadChunkSize)
        {
            throw Invalid(nameof(UploadChunkSize),
                $"{nameof(UploadChunkSize)} is {UploadChunkSize} bytes; set it to {MinUploadChunkSize} to {MaxUploadChunkSize}.");
        }

        if (TrustedCertificatePath is not null && !File.Exists(TrustedCertificatePath))
        {
            throw Invalid(nameof(TrustedCertificatePath),
                $"{nameof(TrustedCertificatePath)} '{TrustedCertificatePath}' does not exist; name a PEM certificate file.");
        }
    }

    private void ValidateAddress()
    {
        if (Address is null || !Address.IsAbsoluteUri || (Address.Scheme != Uri.UriSchemeHttp && Address.Scheme != Uri.UriSchemeHttps))
        {
            throw Invalid(nameof(Address),
                $"{nameof(Address)} is '{Address}', which is not an absolute http:// or https:// address, " +
                $"such as {DefaultAddress}.");
        }

        if (Address.AbsolutePath != "/")
        {
            throw Invalid(nameof(Address),
                $"{nameof(Address)} is '{Address}', but gRPC addresses have no path; use {Address.GetLeftPart(UriPartial.Authority)}.");
        }
    }

    private void ValidateApiKey()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw Invalid(nameof(ApiKey),
                $"{nameof(ApiKey)} is missing. Set it to a key from the gateway's 'keys create' command or KeyService.");
        }

        if (ApiKey.Any(char.IsWhiteSpace) || ApiKey.Any(char.IsControl))
        {
            throw Invalid(nameof(ApiKey),
                $"{nameof(ApiKey)} contains white space or control characters; trim the key text.");
        }
    }

    private static void ValidateTimeout(string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw Invalid(name, $"{name} is {value}; set a positive time or Timeout.InfiniteTimeSpan.");
        }
    }

    private static ArgumentException Invalid(string name, string message) => new(message, name);
}
