using VoiceHelper.Knowledge.Answering;

namespace VoiceHelper.Grains.Knowledge;

/// <summary>Conversions between search hits, the answer generator's types and the citations that grains return.</summary>
internal static class AnswerConversions
{
    public static List<AnswerPassage> ToPassages(IEnumerable<SearchHit> hits) =>
        [.. hits.Select(hit => new AnswerPassage(hit.DocumentId, hit.Title, hit.Heading, hit.Page, hit.Text, hit.Score))];

    public static List<AnswerCitation> ToCitations(IEnumerable<AnswerSource> sources) =>
        [.. sources.Select(source => new AnswerCitation(source.DocumentId, source.Title, source.Heading, source.Page, source.Quote))];
}
