namespace VoiceHelper.Knowledge.Index;

/// <summary>The number format in which <see cref="UsearchVectorIndex"/> stores vectors.</summary>
public enum UsearchScalarKind
{
    /// <summary>32-bit floats: exact copies of the input, 4 bytes per dimension.</summary>
    Float32,

    /// <summary>IEEE half-precision floats, 2 bytes per dimension, about 3 significant decimal digits.</summary>
    Float16,

    /// <summary>bfloat16: the range of 32-bit floats with about 2 significant decimal digits, 2 bytes per dimension.</summary>
    BFloat16,

    /// <summary>8-bit integers of the unit-length vector scaled to [-127, 127], 1 byte per dimension.</summary>
    Int8,
}
