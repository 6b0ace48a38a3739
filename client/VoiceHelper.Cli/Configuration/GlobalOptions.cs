using System.CommandLine;
using VoiceHelper.Cli.Commands;

namespace VoiceHelper.Cli.Configuration;

/// <summary>The options that every command takes: where the gateway is, the key, certificate trust, timeout and JSON output.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Url { get; } = new("--url")
    {
        Description = "The gateway's gRPC address, http:// (plain-text HTTP/2) or https://. " +
            "Default: VOICEHELPER_URL, else http://127.0.0.1:8081.",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "The API key. Default: VOICEHELPER_API_KEY, else the file .data/dev-api-key in the current folder " +
            "or a folder above it, which 'build.ps1 run' writes.",
        Recursive = true,
    };

    public Option<string?> CaCertificate { get; } = new("--ca-cert")
    {
        Description = "A PEM certificate to trust for https:// addresses, such as the self-signed .data/tls/dev-cert.pem. " +
            "Default: VOICEHELPER_CA_CERT, else that file when it is found beside the development key.",
        Recursive = true,
    };

    public Option<double?> Timeout { get; } = InputChecks.OptionalNumber<double>("--timeout",
        "Seconds that each call may take, except streamed uploads and answers, 1 to 86400. Default 30.", 1, 86_400);

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Writes results as JSON to standard output and errors as JSON to standard error.",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        Timeout.Recursive = true;
        command.Options.Add(Url);
        command.Options.Add(ApiKey);
        command.Options.Add(CaCertificate);
        command.Options.Add(Timeout);
        command.Options.Add(Json);
    }
}
