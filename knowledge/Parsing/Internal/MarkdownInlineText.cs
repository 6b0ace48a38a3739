using System.Text;
using Markdig.Syntax.Inlines;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>Renders Markdown inlines as plain text: emphasis and links keep their text, images their alt text, code its content.</summary>
internal static class MarkdownInlineText
{
    public static string Render(ContainerInline? inlines)
    {
        var builder = new StringBuilder();
        Append(builder, inlines);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, Inline? inline)
    {
        switch (inline)
        {
            case null:
            case HtmlInline:
                return;
            case LiteralInline literal:
                builder.Append(literal.Content.ToString());
                return;
            case CodeInline code:
                builder.Append(code.Content);
                return;
            case LineBreakInline lineBreak:
                builder.Append(lineBreak.IsHard ? '\n' : ' ');
                return;
            case HtmlEntityInline entity:
                builder.Append(entity.Transcoded.ToString());
                return;
            case AutolinkInline autolink:
                builder.Append(autolink.Url);
                return;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(builder, child);
                }

                return;
            default:
                return;
        }
    }
}
