using System.Net.Http.Headers;
using OpenProject.Storages.Nextcloud.Http;
using OpenProject.Storages.Nextcloud.Internal;

namespace OpenProject.Storages.Nextcloud.Health;

/// <summary>What one anonymous probe got: an answer (status, media type, at most 64 KiB of body) or a transport failure code.</summary>
internal sealed record ProbeAnswer(int Status, string? MediaType, byte[] Body, string? FailureCode, string Message)
{
    public bool Answered => FailureCode is null;

    public bool IsHtml => MediaType is { } m && m.Contains("html", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Sends the setup checks' anonymous requests (<c>status.php</c>, capabilities, <c>check-config</c>) on the
/// storage's health client: no retries, no credentials added, a short time-out, never throws for what the
/// server does.
/// </summary>
internal sealed class HealthProbe(IHttpClientFactory clients, string storageName, TimeSpan timeout)
{
    public async Task<ProbeAnswer> GetAsync(Uri uri, string what, Action<HttpRequestMessage>? configure, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        configure?.Invoke(request);
        try
        {
            var client = clients.CreateClient(NextcloudHttpClientNames.Health(storageName));
            using var response = await BoundedExchange.SendAsync(client, request, ExchangeLimits.ForProbe(timeout), what, cancellationToken).ConfigureAwait(false);
            var body = await LimitedBody.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
            return new ProbeAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, null, string.Empty);
        }
        catch (StorageException ex) when (ex.Code == StorageErrorCode.Unavailable)
        {
            return Failure(StorageSetupCodes.Timeout, $"Nextcloud did not answer {what} within {timeout.TotalSeconds:0.#} s. Check that the host is up and not overloaded, and that no firewall drops the connection.");
        }
        catch (HttpRequestException ex)
        {
            return Failure(StorageSetupCodes.HostUnreachable, $"Nextcloud could not be reached for {what} ({Reason(ex)}). Check the host name, port, DNS, TLS certificate and firewall.");
        }
        catch (IOException)
        {
            // The headers came, then the connection broke (a reset mid-body).
            return Failure(StorageSetupCodes.HostUnreachable, $"The connection broke while Nextcloud answered {what}. Check the network, proxy and Nextcloud's logs.");
        }
    }

    private static string Reason(HttpRequestException ex) => ex.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "the host name does not resolve",
        HttpRequestError.ConnectionError => "the connection was refused or dropped",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        _ => "the connection failed",
    };

    private static ProbeAnswer Failure(string code, string message) => new(0, null, [], code, message);
}
