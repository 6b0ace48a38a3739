using System.CommandLine;

namespace VoiceHelper.Cli.Commands;

/// <summary>Arguments and options that several commands share.</summary>
internal static class CommonArguments
{
    /// <summary>Returns a required <c>--kb</c> option that takes a knowledge base's id or name.</summary>
    public static Option<string> KnowledgeBase(bool required = true) => new("--kb")
    {
        Description = "The knowledge base: its id or its name.",
        Required = required,
    };
}
