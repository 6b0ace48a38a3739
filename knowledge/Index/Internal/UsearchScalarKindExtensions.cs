namespace VoiceHelper.Knowledge.Index.Internal;

/// <summary>Maps <see cref="UsearchScalarKind"/> to the values of the native <c>usearch_scalar_kind_t</c>.</summary>
internal static class UsearchScalarKindExtensions
{
    public static int ToNative(this UsearchScalarKind kind) => kind switch
    {
        UsearchScalarKind.Float32 => UsearchNative.ScalarFloat32,
        UsearchScalarKind.Float16 => UsearchNative.ScalarFloat16,
        UsearchScalarKind.BFloat16 => UsearchNative.ScalarBFloat16,
        UsearchScalarKind.Int8 => UsearchNative.ScalarInt8,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The scalar kind is not supported."),
    };
}
