using VoiceHelper.Knowledge.Chunking.Internal;

namespace VoiceHelper.Knowledge.Tests;

[Trait("Category", "Unit")]
public sealed class SentenceSplitterTests
{
    [Theory]
    [InlineData("Indexes speed up reads. They slow down writes.", new[] { "Indexes speed up reads.", "They slow down writes." })]
    [InlineData("Use a partial index, e.g. for rows that are rarely queried. It is smaller.",
        new[] { "Use a partial index, e.g. for rows that are rarely queried.", "It is smaller." })]
    [InlineData("Some types, i.e. arrays and ranges, support GIN. Others do not.",
        new[] { "Some types, i.e. arrays and ranges, support GIN.", "Others do not." })]
    [InlineData("It supports B-tree, hash, GiST, etc. Each has operator classes.",
        new[] { "It supports B-tree, hash, GiST, etc.", "Each has operator classes." })]
    [InlineData("PostgreSQL 15.4 fixed it. Upgrade from 15.3 soon.", new[] { "PostgreSQL 15.4 fixed it.", "Upgrade from 15.3 soon." })]
    [InlineData("See Section 11.10 below. It explains operator classes.",
        new[] { "See Section 11.10 below.", "It explains operator classes." })]
    [InlineData("Ask Dr. Codd about it. He knows.", new[] { "Ask Dr. Codd about it.", "He knows." })]
    [InlineData("Written by E. F. Codd in 1970. It defined the model.",
        new[] { "Written by E. F. Codd in 1970.", "It defined the model." })]
    [InlineData("1. Install the server. 2. Create a cluster.", new[] { "1. Install the server.", "2. Create a cluster." })]
    [InlineData("Is it fast? Yes! It is.", new[] { "Is it fast?", "Yes!", "It is." })]
    [InlineData("He said \"stop.\" Then he left.", new[] { "He said \"stop.\"", "Then he left." })]
    [InlineData("Run SELECT * FROM t WHERE x > 1.5; then COMMIT. Done.",
        new[] { "Run SELECT * FROM t WHERE x > 1.5; then COMMIT.", "Done." })]
    [InlineData("Query pg_catalog.pg_class for details. Then vacuum.", new[] { "Query pg_catalog.pg_class for details.", "Then vacuum." })]
    [InlineData("Wait... Then go.", new[] { "Wait...", "Then go." })]
    [InlineData("no terminator at the end", new[] { "no terminator at the end" })]
    public void Split_EnglishProse_FindsSentences(string text, string[] expected)
    {
        var sentences = SentenceSplitter.Split(text).Select(range => text[range]).ToArray();

        Assert.Equal(expected, sentences);
    }

    [Fact]
    public void Split_ChinesePunctuation_EndsSentencesWithoutSpaces()
    {
        var text = "PostgreSQL 是一个开源的关系数据库。它支持事务！你用过吗？（是的。）好。";

        var sentences = SentenceSplitter.Split(text).Select(range => text[range]).ToArray();

        Assert.Equal(["PostgreSQL 是一个开源的关系数据库。", "它支持事务！", "你用过吗？", "（是的。）", "好。"], sentences);
    }

    [Fact]
    public void Split_JapanesePunctuation_EndsSentences()
    {
        var text = "索引を作成します。速くなりますか？";

        var sentences = SentenceSplitter.Split(text).Select(range => text[range]).ToArray();

        Assert.Equal(["索引を作成します。", "速くなりますか？"], sentences);
    }

    [Fact]
    public void Split_SurroundingWhitespace_IsExcluded()
    {
        var text = "  First one.\n  Second one.  ";

        var sentences = SentenceSplitter.Split(text).Select(range => text[range]).ToArray();

        Assert.Equal(["First one.", "Second one."], sentences);
    }
}
