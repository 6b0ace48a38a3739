using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace VoiceHelper.Speech.Internal;

/// <summary>
/// Sends requests to an OpenAI-compatible audio endpoint with the configured timeout, bearer key and retries, and
/// turns failures into <see cref="SpeechEngineException"/>s that say whether a retry can succeed.
/// </summary>
internal sealed class OpenAIAudioClient(
    HttpClient http, OpenAIEndpointOptions options, ILogger logger, Action<ILogger, string, long, int, string> logRetry,
    Action<ILogger, string, string, Exception?> logFailure)
{
    private static readonly HashSet<HttpStatusCode> TransientStatuses =
    [
        HttpStatusCode.RequestTimeout, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    private readonly string _endpoint = options.Endpoint!.TrimEnd('/');

    public string Endpoint => _endpoint;

    /// <summary>
    /// Sends the request that <paramref name="createContent"/> builds to <c>{Endpoint}/{path}</c>, retrying
    /// transient failures, and returns the successful response, which the caller disposes.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        string path, Func<HttpContent> createContent, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            Exception? error = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"{_endpoint}/{path}") { Content = createContent() };
                if (!string.IsNullOrEmpty(options.ApiKey))
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
                }

                var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                    .ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                var body = await ReadErrorAsync(response, timeout.Token).ConfigureAwait(false);
                response.Dispose();
                failure = $"HTTP {(int)response.StatusCode}: {body}";
                if (!TransientStatuses.Contains(response.StatusCode))
                {
                    logFailure(logger, _endpoint, failure, null);
                    throw new SpeechEngineException(
                        $"The audio server at {_endpoint} rejected the request with {failure}", isTransient: false);
                }
            }
            catch (HttpRequestException exception)
            {
                failure = $"a connection failure ({exception.Message})";
                error = exception;
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                logFailure(logger, _endpoint, "a timeout", exception);
                throw new SpeechEngineException(
                    $"The audio server at {_endpoint} did not answer within {options.Timeout.TotalSeconds:0.#} s.",
                    isTransient: true, exception);
            }

            if (attempt > options.MaxRetries)
            {
                logFailure(logger, _endpoint, failure, error);
                throw new SpeechEngineException($"The audio server at {_endpoint} failed with {failure}", isTransient: true, error);
            }

            logRetry(logger, _endpoint, (long)delay.TotalMilliseconds, attempt, failure);
            await Task.Delay(delay, timeout.Token).ConfigureAwait(false);
            delay *= 2;
        }
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return text.Length <= 300 ? text : text[..300] + "…";
    }
}
