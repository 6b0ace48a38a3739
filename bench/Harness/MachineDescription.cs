using System.Runtime.InteropServices;

namespace VoiceHelper.Bench.Harness;

/// <summary>The machine and runtime that a result was measured on.</summary>
internal sealed record MachineDescription(
    string OperatingSystem,
    string Architecture,
    int ProcessorCount,
    string Runtime,
    bool ServerGarbageCollector)
{
    public static MachineDescription Current() => new(
        RuntimeInformation.OSDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription,
        System.Runtime.GCSettings.IsServerGC);
}
