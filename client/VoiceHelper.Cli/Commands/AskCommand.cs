using System.CommandLine;
using VoiceHelper.Cli.Output;

namespace VoiceHelper.Cli.Commands;

/// <summary><c>vh ask --kb KB "question"</c>: one question, answered from the knowledge base with its sources.</summary>
internal static class AskCommand
{
    public static Command Create(Func<ParseResult, CliContext> contextOf)
    {
        var knowledgeBase = CommonArguments.KnowledgeBase();
        var question = new Argument<string>("question") { Description = "The question, 1 to 2,000 characters." };
        InputChecks.RejectBlank(question, "the question, 1 to 2,000 characters");
        var topK = InputChecks.OptionalNumber("--top-k", "How many passages to answer from, 1 to 50. Default 5.", 1, 50);
        var command = new Command("ask", "Answers a question from a knowledge base and lists the sources it quotes.")
        {
            knowledgeBase, question, topK,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = contextOf(parse);
            using var client = context.CreateClient();

            var target = await KnowledgeBaseReference.ResolveAsync(client, parse.GetRequiredValue(knowledgeBase), cancellationToken);
            var answer = await client.Knowledge.AskAsync(target.Id, parse.GetRequiredValue(question), parse.GetValue(topK), cancellationToken);
            if (context.Json)
            {
                // The names of the REST API's POST /api/v1/knowledge-bases/{kb}/ask.
                JsonOutput.Write(context.Terminal.Out, new { Answer = answer.Text, answer.Answered, answer.Sources });
                return ExitCodes.Success;
            }

            context.Terminal.Out.WriteLine(answer.Text);
            if (answer.Sources.Count > 0)
            {
                context.Terminal.Out.WriteLine();
                SourceText.Write(context.Terminal.Out, answer.Sources);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
