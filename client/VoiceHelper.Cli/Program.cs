using VoiceHelper.Cli;

return await CliApplication.RunAsync(args);
