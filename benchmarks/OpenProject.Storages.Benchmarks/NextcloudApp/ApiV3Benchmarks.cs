using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.Sample;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Benchmarks.NextcloudApp;

/// <summary>
/// The two heavy calls Nextcloud's app makes to the host, over real HTTP on loopback Kestrel with the in-memory
/// storage: the OpenProject tab of a file linked to 1,000 work packages
/// (<c>work_packages?filters=[file_link_origin_id, linkable_to_storage_url]</c>, page size 1,000), and one
/// <c>POST file_links</c> of 1,000 files to a new work package. Run with:
/// <c>dotnet run -c Release --project benchmarks/OpenProject.Storages.Benchmarks -- --filter '*ApiV3Benchmarks*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class ApiV3Benchmarks : IAsyncDisposable
{
    private const int Count = 1_000;
    private static readonly StorageId Nextcloud = new("nextcloud");

    private NextcloudAppHost? _host;
    private HttpClient _http = null!;
    private InMemoryWorkPackageHost _workPackages = null!;
    private string _linkedQuery = null!;
    private string _linkBody = null!;
    private long _nextWorkPackage = 10_000;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var storage = new InMemoryFileStorage(Nextcloud, "Nextcloud");
        storage.AddUser("alice");
        storage.Connect(InMemoryWorkPackageHost.Alice, "alice");
        _workPackages = InMemoryWorkPackageHost.CreateSeeded();
        var template = _workPackages.WorkPackages.Single(wp => wp.Id == 42);
        for (var i = 0; i < Count; i++)
        {
            _workPackages.AddWorkPackage(template with { Id = 1_000 + i, Subject = $"Work package {i}" });
        }

        _host = await NextcloudAppHost.StartAsync(storage, _workPackages, o => o.RequireConsent = false); // the API is measured, not the consent page
        await _host.ConnectAsync(InMemoryWorkPackageHost.Alice);
        _http = _host.Http;

        // One file linked to every work package (for the tab), and 1,000 files to link in one request.
        var shared = storage.AddFile(StoragePath.Parse("/shared/plan.md"), "# plan", "text/markdown");
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var fileLinks = scope.ServiceProvider.GetRequiredService<FileLinkService>();
            foreach (var wp in _workPackages.WorkPackages.Where(wp => wp.Id >= 1_000))
            {
                await fileLinks.LinkFilesAsync(InMemoryWorkPackageHost.Alice, wp.Container, Nextcloud, [shared.Id]);
            }
        }

        var filters = $"[{{\"file_link_origin_id\":{{\"operator\":\"=\",\"values\":[\"{shared.Id.Value}\"]}}}},{{\"linkable_to_storage_url\":{{\"operator\":\"=\",\"values\":[\"{Uri.EscapeDataString(NextcloudAppHost.NextcloudUrl)}\"]}}}}]";
        _linkedQuery = "/api/v3/work_packages?pageSize=1000&filters=" + Uri.EscapeDataString(filters) + "&sortBy=" + Uri.EscapeDataString("[[\"updatedAt\",\"desc\"]]");
        var files = Enumerable.Range(0, Count).Select(i => storage.AddFile(StoragePath.Parse($"/many/file{i:D4}.txt"), "x", "text/plain")).ToList();
        _linkBody = "{\"_type\":\"Collection\",\"_embedded\":{\"elements\":["
            + string.Join(',', files.Select(f => $"{{\"originData\":{{\"id\":{f.Id.Value},\"name\":\"{f.Name}\",\"mimeType\":\"text\\/plain\",\"createdAt\":\"1970-01-01T00:00:00.000Z\",\"lastModifiedAt\":\"2026-12-05T11:21:25.000Z\",\"createdByName\":\"\",\"lastModifiedByName\":\"\"}},\"_links\":{{\"storageUrl\":{{\"href\":\"http:\\/\\/127.0.0.1:8080\"}}}}}}"))
            + "]}}";
    }

    [IterationSetup(Target = nameof(LinkThousandFiles))]
    public void NewWorkPackage() =>
        _workPackages.AddWorkPackage(_workPackages.WorkPackages.Single(wp => wp.Id == 42) with { Id = ++_nextWorkPackage });

    [Benchmark(Description = "work_packages?filters=[file_link_origin_id] (1,000 linked)")]
    public async Task<int> TabOfFileLinkedToThousand()
    {
        using var response = await _http.GetAsync(_linkedQuery);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK ? body.Length : throw new InvalidOperationException(Encoding.UTF8.GetString(body));
    }

    [Benchmark(Description = "POST file_links with 1,000 elements")]
    public async Task<int> LinkThousandFiles()
    {
        using var content = new StringContent(_linkBody, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync($"/api/v3/work_packages/{_nextWorkPackage}/file_links", content);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.Created ? body.Length : throw new InvalidOperationException(Encoding.UTF8.GetString(body));
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }

        GC.SuppressFinalize(this);
    }
}
