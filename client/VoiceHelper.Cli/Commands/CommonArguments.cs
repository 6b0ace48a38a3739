using System.CommandLine;

namespace VoiceHelper.Cli.Commands;

/// <summary>Arguments and options that several commands share.</summary>
internal static class CommonArguments
{
    /// <summary>Creates a <c>--kb</c> option, required unless <paramref name="required"/> is false, that takes a knowledge base's id or name.</summary>
    public static Option<string> KnowledgeBase(bool required = true)
    {
        var option = new Option<string>("--kb") { Description = "The knowledge base: its id or its name.", Required = required };
        InputChecks.RejectBlank(option, "a knowledge base's id or name, as 'vh kb list' shows them");
        return option;
    }
}
