using Microsoft.Extensions.Http.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddNextcloudStorage</c>: the storage's HTTP clients, to add handlers or tune resilience.</summary>
/// <remarks>
/// A proxy, a client certificate or a private certificate authority belongs on all three clients
/// (<see cref="HttpClientBuilder"/>, <see cref="TransferHttpClientBuilder"/>, <see cref="SetupChecksHttpClientBuilder"/>).
/// Change their primary handler in place with
/// <c>ConfigurePrimaryHttpMessageHandler((handler, services) =&gt; ((SocketsHttpHandler)handler).Proxy = ...)</c>
/// rather than replacing it, so that the provider's settings (redirects never followed, connection time-outs) stay.
/// </remarks>
public sealed class NextcloudStorageBuilder
{
    internal NextcloudStorageBuilder(IServiceCollection services, string name, IHttpClientBuilder httpClientBuilder, IHttpClientBuilder transferHttpClientBuilder, IHttpClientBuilder setupChecksHttpClientBuilder, IHttpStandardResiliencePipelineBuilder resilience)
    {
        Services = services;
        Name = name;
        HttpClientBuilder = httpClientBuilder;
        TransferHttpClientBuilder = transferHttpClientBuilder;
        SetupChecksHttpClientBuilder = setupChecksHttpClientBuilder;
        Resilience = resilience;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The storage's name (its <see cref="OpenProject.Storages.StorageId"/>).</summary>
    public string Name { get; }

    /// <summary>The client for short requests (PROPFIND, OCS, MKCOL, MOVE, DELETE), with time-outs and safe retries.</summary>
    public IHttpClientBuilder HttpClientBuilder { get; }

    /// <summary>The client for transfers (uploads, chunks, downloads): no time-out cuts a large file, no retries.</summary>
    public IHttpClientBuilder TransferHttpClientBuilder { get; }

    /// <summary>
    /// The client of the setup checks and the health check (<c>status.php</c>, capabilities, the OAuth and
    /// user probes): no retries and no time-out of its own (each check has a short one), so a check reports
    /// what the server does at once.
    /// </summary>
    public IHttpClientBuilder SetupChecksHttpClientBuilder { get; }

    /// <summary>The standard resilience pipeline of <see cref="HttpClientBuilder"/>, to tune time-outs and retries.</summary>
    public IHttpStandardResiliencePipelineBuilder Resilience { get; }
}
