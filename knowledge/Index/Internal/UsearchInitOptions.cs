using System.Runtime.InteropServices;

namespace VoiceHelper.Knowledge.Index.Internal;

/// <summary>The C struct <c>usearch_init_options_t</c> of USearch 2.26.6, 64 bytes on 64-bit platforms.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct UsearchInitOptions
{
    public int MetricKind;

    /// <summary>A custom distance function; zero selects the built-in <see cref="MetricKind"/>.</summary>
    public nint Metric;

    public int Quantization;

    public nuint Dimensions;

    public nuint Connectivity;

    public nuint ExpansionAdd;

    public nuint ExpansionSearch;

    /// <summary>A C <c>bool</c>: 1 lets one key hold several vectors.</summary>
    public byte Multi;
}
