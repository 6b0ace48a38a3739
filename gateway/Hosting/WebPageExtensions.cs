using Microsoft.Extensions.FileProviders;
using VoiceHelper.Gateway.Logging;

namespace VoiceHelper.Gateway.Hosting;

/// <summary>Serves the web page in <c>wwwroot</c> at <c>/</c>, without an API key.</summary>
internal static class WebPageExtensions
{
    // The page loads nothing from other origins, so the policy allows only this gateway. WebSocket connections to
    // the same host and port match 'self' in browsers that follow CSP level 3.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>
    /// Serves the files of the build output's <c>wwwroot</c> folder, with <c>index.html</c> for <c>/</c>. The page
    /// itself is public; every API call it makes sends the API key that the user enters.
    /// </summary>
    public static WebApplication UseWebPage(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(root))
        {
            GatewayLog.WebPageMissing(app.Logger, root);
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // Pages change with each build; revalidating keeps a browser from mixing versions.
                headers.CacheControl = "no-cache";
            },
        });
        return app;
    }
}
