using System.Text;

namespace VoiceHelper.Knowledge.Tests;

/// <summary>Builds deeply nested markup for the tests of the parser's nesting limits.</summary>
internal static class NestedMarkup
{
    /// <summary>
    /// Returns <paramref name="open"/> <paramref name="depth"/> times, then <paramref name="inner"/>, then
    /// <paramref name="close"/> as often.
    /// </summary>
    public static string Nest(string open, string inner, string close, int depth)
    {
        var builder = new StringBuilder((open.Length + close.Length) * depth + inner.Length);
        builder.Insert(0, open, depth).Append(inner);
        return builder.Insert(builder.Length, close, depth).ToString();
    }
}
