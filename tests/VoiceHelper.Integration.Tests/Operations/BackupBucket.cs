using System.Diagnostics;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using VoiceHelper.Integration.Tests.Infrastructure;

namespace VoiceHelper.Integration.Tests.Operations;

/// <summary>
/// An S3-compatible bucket server on loopback for the backup tests: s3rver from npm, run by node, with one bucket
/// stored in a temporary folder. Its only account has the access key and secret S3RVER, which the tests pass.
/// </summary>
public sealed class BackupBucket : IAsyncDisposable
{
    public const string BucketName = "voicehelper-backups";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _output = new();

    private BackupBucket(Process process, string folder, Uri endpoint)
    {
        _process = process;
        _folder = folder;
        Endpoint = endpoint;
    }

    /// <summary>The server's address, for <c>-S3Endpoint</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>The credentials and region that the aws command reads from the environment.</summary>
    public static IReadOnlyDictionary<string, string> AwsEnvironment { get; } = new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = "S3RVER",
        ["AWS_SECRET_ACCESS_KEY"] = "S3RVER",
        ["AWS_DEFAULT_REGION"] = "us-east-1",
    };

    /// <summary>Starts s3rver from the folder where the test build installed it, and waits until it accepts connections.</summary>
    public static async Task<BackupBucket> StartAsync()
    {
        var nodeFolder = typeof(BackupBucket).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "BackupBucketNodeFolder").Value!;
        var script = Path.Combine(nodeFolder, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"s3rver is not installed in {nodeFolder}. Build the test project with npm on the PATH; its " +
                "InstallNodePackages target runs npm ci there.");
        }

        var folder = Directory.CreateTempSubdirectory("voicehelper-bucket-").FullName;
        var port = TestEnvironment.FreePort();
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--directory", folder, "--address", "127.0.0.1", "--port",
                     port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--configure-bucket", BucketName })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        var bucket = new BackupBucket(process, folder, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, line) => bucket.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => bucket.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await bucket.WaitUntilListeningAsync(port);
        return bucket;
    }

    /// <summary>Runs the aws command against this server with the test credentials.</summary>
    public Task<CommandRunner.Result> AwsAsync(params string[] arguments) =>
        CommandRunner.RunAsync("aws", ["--endpoint-url", Endpoint.ToString().TrimEnd('/'), .. arguments],
            TimeSpan.FromMinutes(2), environment: AwsEnvironment);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (!_process.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException(
                    $"s3rver did not listen on port {port} within {StartTimeout.TotalSeconds:0} s: {Output()}");
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
