using System.Text;
using VoiceHelper.Client;

namespace VoiceHelper.Cli.Commands;

/// <summary>Finds a knowledge base by its id or, for any other text, by its name.</summary>
internal static class KnowledgeBaseReference
{
    public static async Task<KnowledgeBase> ResolveAsync(VoiceHelperClient client, string reference, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(reference, out var id))
        {
            return await client.Knowledge.GetKnowledgeBaseAsync(id, cancellationToken);
        }

        var all = await client.Knowledge.ListKnowledgeBasesAsync(cancellationToken);
        return all.FirstOrDefault(knowledgeBase => knowledgeBase.Name == reference)
            ?? throw new CommandFailedException(ExitCodes.NotFound, ErrorCodes.KnowledgeBaseNotFound,
                $"No knowledge base is named '{reference}'. List them with 'vh kb list', or create it with " +
                $"'vh kb create {QuoteForShell(reference)}'.");
    }

    // Quotes a name with spaces or shell characters in double quotes, so the suggested command can be pasted as it is.
    private static string QuoteForShell(string name)
    {
        if (name.All(character => char.IsLetterOrDigit(character) || character is '-' or '_' or '.'))
        {
            return name;
        }

        var quoted = new StringBuilder("\"");
        foreach (var character in name)
        {
            if (character is '\\' or '"' or '$' or '`')
            {
                quoted.Append('\\');
            }

            quoted.Append(character);
        }

        return quoted.Append('"').ToString();
    }
}
