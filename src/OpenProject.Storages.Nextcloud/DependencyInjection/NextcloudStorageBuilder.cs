using Microsoft.Extensions.Http.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddNextcloudStorage</c>: the storage's HTTP clients, to add handlers or tune resilience.</summary>
public sealed class NextcloudStorageBuilder
{
    internal NextcloudStorageBuilder(IServiceCollection services, string name, IHttpClientBuilder httpClientBuilder, IHttpClientBuilder transferHttpClientBuilder, IHttpStandardResiliencePipelineBuilder resilience)
    {
        Services = services;
        Name = name;
        HttpClientBuilder = httpClientBuilder;
        TransferHttpClientBuilder = transferHttpClientBuilder;
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

    /// <summary>The standard resilience pipeline of <see cref="HttpClientBuilder"/>, to tune time-outs and retries.</summary>
    public IHttpStandardResiliencePipelineBuilder Resilience { get; }
}
