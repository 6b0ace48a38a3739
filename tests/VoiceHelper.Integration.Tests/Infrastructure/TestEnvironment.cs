using System.Net;
using System.Net.Sockets;

namespace VoiceHelper.Integration.Tests.Infrastructure;

/// <summary>
/// The servers that <c>build.ps1 test</c> starts, and the build output of the processes under test.
/// </summary>
public static class TestEnvironment
{
    public static string Postgres => Require("VOICEHELPER_INTEGRATION_POSTGRES");

    public static string Redis => Require("VOICEHELPER_TEST_REDIS");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>
    /// The environment of every silo and gateway process of a test cluster: its database, Redis, cluster id, and
    /// short membership probes so that a killed silo is declared dead, and found by the gateway, within seconds.
    /// </summary>
    public static Dictionary<string, string> ClusterEnvironment(string postgres, string clusterId) => new()
    {
        ["ConnectionStrings__Postgres"] = postgres,
        ["ConnectionStrings__Redis"] = Redis,
        ["Orleans__ClusterId"] = clusterId,
        ["Orleans__ServiceId"] = clusterId,
        ["Orleans__ProbeTimeout"] = "00:00:01",
        ["Orleans__GatewayListRefreshPeriod"] = "00:00:01",
        ["Logging__LogLevel__Default"] = "Warning",
        ["DOTNET_ENVIRONMENT"] = "Development",
    };

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string SiloAssembly => Path.Combine(
        RepositoryRoot, "silo", "bin", Configuration, "net10.0", "VoiceHelper.Silo.dll");

    public static string GatewayAssembly => Path.Combine(
        RepositoryRoot, "gateway", "bin", Configuration, "net10.0", "VoiceHelper.Gateway.dll");

    /// <summary>The <c>vh</c> command-line client.</summary>
    public static string CliAssembly => Path.Combine(
        RepositoryRoot, "client", "VoiceHelper.Cli", "bin", Configuration, "net10.0", "vh.dll");

    /// <summary>The example program of the SDK's README.</summary>
    public static string ClientSampleAssembly => Path.Combine(
        RepositoryRoot, "client", "VoiceHelper.Client.Sample", "bin", Configuration, "net10.0", "VoiceHelper.Client.Sample.dll");

    /// <summary>Returns a TCP port on the loopback interface that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with 'dotnet pwsh ./build.ps1 test', which starts PostgreSQL and Redis.");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VoiceHelper.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No VoiceHelper.sln above '{AppContext.BaseDirectory}'.");
    }
}
