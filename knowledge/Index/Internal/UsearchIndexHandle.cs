using Microsoft.Win32.SafeHandles;

namespace VoiceHelper.Knowledge.Index.Internal;

/// <summary>
/// A native USearch index. Releasing it frees the graph and the vectors, also when the owner was never disposed.
/// </summary>
internal sealed class UsearchIndexHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public UsearchIndexHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        UsearchNative.Free(handle, out _);
        return true;
    }
}
