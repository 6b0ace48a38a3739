using System.Runtime.InteropServices;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>Opens read-only streams over in-memory file content for libraries that read streams.</summary>
internal static class ByteStreams
{
    /// <summary>Wraps <paramref name="content"/> without copying when it is backed by an array.</summary>
    public static MemoryStream Open(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
}
