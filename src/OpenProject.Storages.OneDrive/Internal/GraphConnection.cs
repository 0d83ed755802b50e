using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpenProject.Storages.OneDrive.Internal;

/// <summary>
/// One Graph exchange with the rules every call follows: a fresh bearer token per request (one retry with a
/// refreshed token after a 401), one wait for a short <c>Retry-After</c> when throttled, every response read
/// within <see cref="OneDriveStorageOptions.ResponseTimeout"/> and <see cref="OneDriveStorageOptions.MaxResponseBytes"/>,
/// and only <see cref="StorageException"/> or the caller's cancellation leaving. The accounts' connection to Entra ID
/// has no token provider (<c>tokens</c> is <see langword="null"/>): it only sends without a token.
/// </summary>
internal sealed class GraphConnection(StorageId storage, OneDriveStorageOptions options, IHttpClientFactory clients, string clientName, IStorageAccessTokenProvider? tokens, TimeProvider time)
{
    public OneDriveStorageOptions Options => options;

    /// <summary>The users' token provider (none for the accounts' own connection to Entra ID).</summary>
    public IStorageAccessTokenProvider? Tokens => tokens;

    /// <summary>The technical user's token (the app-only token), given the one Graph just rejected, if any.</summary>
    public Func<string?, CancellationToken, Task<string>>? AppToken { get; set; }

    public async Task<T> GetJsonAsync<T>(StorageActor actor, Uri uri, JsonTypeInfo<T> type, string operation, CancellationToken cancellationToken) =>
        await SendJsonAsync(actor, () => new HttpRequestMessage(HttpMethod.Get, uri), type, operation, cancellationToken).ConfigureAwait(false);

    public async Task<T> SendJsonAsync<T>(StorageActor actor, Func<HttpRequestMessage> createRequest, JsonTypeInfo<T> type, string operation, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(actor, createRequest, operation, cancellationToken).ConfigureAwait(false);
        return Parse(answer.Body, type, operation);
    }

    public static T Parse<T>(byte[] body, JsonTypeInfo<T> type, string operation)
    {
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw Invalid(operation, null);
        }
        catch (JsonException exception)
        {
            throw Invalid(operation, exception);
        }
    }

    /// <summary>
    /// Sends with the user's bearer token (the app-only token for the technical user) until a success (2xx, or 3xx when <paramref name="redirectIsSuccess"/>) and
    /// returns it; every failure is a <see cref="StorageException"/>.
    /// </summary>
    public async Task<GraphAnswer> SendAsync(StorageActor actor, Func<HttpRequestMessage> createRequest, string operation, CancellationToken cancellationToken, bool redirectIsSuccess = false, TimeSpan? timeout = null)
    {
        string? rejected = null;
        var throttledOnce = false;
        while (true)
        {
            var token = actor.User is { } user
                ? (await (tokens ?? throw new StorageException(StorageErrorCode.NotConfigured, "This Graph connection has no user tokens.")).GetAccessTokenAsync(storage, user, rejected, cancellationToken).ConfigureAwait(false)).Value
                : await (AppToken ?? throw new StorageException(StorageErrorCode.NotSupported, "This OneDrive storage has no app-only token for the technical user."))(rejected, cancellationToken).ConfigureAwait(false);
            using var request = createRequest();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var answer = await ExchangeAsync(request, operation, timeout ?? options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
            if (answer.Status is >= 200 and < 300 || redirectIsSuccess && answer.Status is >= 300 and < 400)
            {
                return answer;
            }

            if (answer.Status == 401 && rejected is null)
            {
                rejected = token;
                continue;
            }

            if (ShouldWait(answer, ref throttledOnce) is { } wait)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            throw GraphErrors.ToException(answer.Status, ParseError(answer.Body), operation);
        }
    }

    /// <summary>
    /// Sends to a pre-authenticated address (an upload session's <c>uploadUrl</c>) without any token, with the same
    /// throttling wait and bounds; returns any answer (the caller decides what a status means).
    /// </summary>
    public async Task<GraphAnswer> SendAnonymousAsync(Func<HttpRequestMessage> createRequest, string operation, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var throttledOnce = false;
        while (true)
        {
            using var request = createRequest();
            var answer = await ExchangeAsync(request, operation, timeout ?? options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
            if (ShouldWait(answer, ref throttledOnce) is { } wait)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            return answer;
        }
    }

    /// <summary>
    /// Opens a pre-authenticated download address (no token travels there) and returns the body as a stream read as it
    /// goes: the headers must come within <see cref="OneDriveStorageOptions.ResponseTimeout"/>, each later read within
    /// <see cref="OneDriveStorageOptions.TransferIdleTimeout"/>.
    /// </summary>
    public async Task<Stream> OpenDownloadAsync(Uri address, string operation, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, address);
        HttpResponseMessage? response = null;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ResponseTimeout);
        try
        {
            response = await clients.CreateClient(clientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var body = await ReadBoundedAsync(response.Content, operation, deadline.Token).ConfigureAwait(false);
                throw GraphErrors.ToException(status, ParseError(body), operation);
            }

            var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            var result = new DownloadStream(stream, response, request, options.TransferIdleTimeout, operation, storage);
            response = null;
            request = null;
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException exception)
        {
            throw new StorageException(StorageErrorCode.Unavailable, $"OneDrive did not answer in time to {operation} (limit {options.ResponseTimeout.TotalSeconds:0} s).", innerException: exception);
        }
        catch (HttpRequestException exception)
        {
            throw new StorageException(StorageErrorCode.Unavailable, $"OneDrive could not be reached to {operation}.", innerException: exception);
        }
        catch (IOException exception)
        {
            throw new StorageException(StorageErrorCode.Unavailable, $"The connection to OneDrive broke while reading the answer to {operation}.", innerException: exception);
        }
        finally
        {
            response?.Dispose();
            request?.Dispose();
        }
    }

    public static StorageException Failed(GraphAnswer answer, string operation) => GraphErrors.ToException(answer.Status, ParseError(answer.Body), operation);

    private TimeSpan? ShouldWait(GraphAnswer answer, ref bool throttledOnce)
    {
        if (answer.Status is 429 or 503 && !throttledOnce && answer.RetryAfter is { } wait && wait <= options.MaxRetryAfter)
        {
            throttledOnce = true;
            return wait;
        }

        return null;
    }

    /// <summary>One request and its whole answer within <paramref name="timeout"/> (the request body's upload included).</summary>
    private async Task<GraphAnswer> ExchangeAsync(HttpRequestMessage request, string operation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var client = clients.CreateClient(clientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var body = await ReadBoundedAsync(response.Content, operation, deadline.Token).ConfigureAwait(false);
            return new GraphAnswer((int)response.StatusCode, body, RetryAfter(response), response.Headers.Location);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException exception)
        {
            throw new StorageException(StorageErrorCode.Unavailable, $"OneDrive did not answer in time to {operation} (limit {timeout.TotalSeconds:0} s).", innerException: exception);
        }
        catch (HttpRequestException exception)
        {
            throw new StorageException(StorageErrorCode.Unavailable, $"Microsoft Graph could not be reached to {operation}.", innerException: exception);
        }
        catch (IOException exception)
        {
            throw new StorageException(StorageErrorCode.Unavailable, $"The connection to Microsoft Graph broke while reading the answer to {operation}.", innerException: exception);
        }
    }

    private async Task<byte[]> ReadBoundedAsync(HttpContent content, string operation, CancellationToken cancellationToken)
    {
        var limit = options.MaxResponseBytes;
        if (content.Headers.ContentLength > limit)
        {
            throw TooLarge(operation);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw TooLarge(operation);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        return header.Date is { } date ? (date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero) : null;
    }

    public static GraphError? ParseError(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, GraphJsonContext.Default.GraphErrorBody)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private StorageException TooLarge(string operation) =>
        new(StorageErrorCode.InvalidResponse, string.Create(CultureInfo.InvariantCulture, $"The answer of Microsoft Graph to {operation} is larger than {options.MaxResponseBytes} bytes."));

    private static StorageException Invalid(string operation, Exception? inner) =>
        new(StorageErrorCode.InvalidResponse, $"The answer of Microsoft Graph to {operation} is not the expected JSON.", innerException: inner);

    /// <summary>Whether a <c>@odata.nextLink</c> stays on the configured Graph service (the bearer token must not travel elsewhere).</summary>
    public bool IsOwnLink(Uri link) =>
        link.IsAbsoluteUri && Uri.Compare(link, options.GraphBaseAddress, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0
        && link.AbsolutePath.StartsWith(options.GraphBaseAddress.AbsolutePath, StringComparison.Ordinal);
}

/// <summary>One Graph answer, its body read within the bounds.</summary>
internal readonly record struct GraphAnswer(int Status, byte[] Body, TimeSpan? RetryAfter, Uri? Location);
