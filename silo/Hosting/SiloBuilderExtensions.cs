using VoiceHelper.Filters;
using VoiceHelper.Grains;

namespace VoiceHelper.Hosting;

/// <summary>Silo configuration shared by the silo host, the grain tests and the benchmarks.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Stores grain state as plain JSON in PostgreSQL through Orleans' ADO.NET provider, whose statements the
    /// migrations in <c>db/</c> install, and turns database errors in grain calls into exceptions that can
    /// reach the caller.
    /// </summary>
    public static ISiloBuilder AddVoiceHelperStorage(this ISiloBuilder silo, string postgresConnectionString)
    {
        silo.AddAdoNetGrainStorage(StorageNames.Default, options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = postgresConnectionString;
        });
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.AddIncomingGrainCallFilter<StorageExceptionFilter>();
        return silo;
    }
}
