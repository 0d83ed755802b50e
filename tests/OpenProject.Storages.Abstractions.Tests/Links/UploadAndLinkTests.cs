using NSubstitute;
using NSubstitute.ExceptionExtensions;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Abstractions.Tests.Links;

public sealed class UploadAndLinkTests
{
    private static readonly StoragePath Projects = StoragePath.Parse("/Projects");
    private readonly FilesWorld _world = new();

    [Fact]
    public async Task Uploading_stores_the_file_and_links_it_in_one_step()
    {
        var link = await _world.Service.UploadAndLinkAsync(FilesWorld.Alice, FilesWorld.WorkPackage, FilesWorld.CloudId, Projects, new FileUpload { FileName = "minutes.txt", Content = FilesWorld.Content("minutes") });

        Assert.Equal("minutes.txt", link.Origin.Name);
        Assert.Equal("minutes"u8.ToArray(), _world.Storage.GetContent(link.OriginId));
        Assert.Equal(link, (await _world.Links.ListByContainerAsync(FilesWorld.WorkPackage)).Single());
    }

    [Fact]
    public async Task A_failed_upload_creates_no_link()
    {
        _world.Storage.Faults.Inject(StorageOperation.Upload, StorageFault.Unavailable);

        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.UploadAndLinkAsync(FilesWorld.Alice, FilesWorld.WorkPackage, FilesWorld.CloudId, Projects, new FileUpload { FileName = "minutes.txt", Content = FilesWorld.Content("minutes") }));

        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
        Assert.Empty(await _world.Links.ListByContainerAsync(FilesWorld.WorkPackage));
        Assert.Null(_world.Storage.Find(Projects.Combine("minutes.txt")));
    }

    [Fact]
    public async Task Uploading_into_a_missing_folder_creates_no_link()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.UploadAndLinkAsync(FilesWorld.Alice, FilesWorld.WorkPackage, FilesWorld.CloudId, StoragePath.Parse("/Gone"), new FileUpload { FileName = "a.txt", Content = FilesWorld.Content("a") }));

        Assert.Equal(StorageErrorCode.NotFound, error.Code);
        Assert.Empty(await _world.Links.ListByContainerAsync(FilesWorld.WorkPackage));
    }

    [Fact]
    public async Task When_linking_fails_after_the_upload_the_error_names_the_stored_file_and_nothing_is_lost()
    {
        var failingLinks = Substitute.For<IFileLinkRepository>();
        failingLinks.AddAsync(default!, default).ThrowsAsyncForAnyArgs(new InvalidOperationException("database is down"));
        var service = new FileLinkService(new FileStorageCatalog([_world.Storage]), failingLinks, _world.Authorization, new DefaultStorageProblemDescriber());

        var error = await Assert.ThrowsAsync<FileStoredButNotLinkedException>(() => service.UploadAndLinkAsync(FilesWorld.Alice, FilesWorld.WorkPackage, FilesWorld.CloudId, Projects, new FileUpload { FileName = "minutes.txt", Content = FilesWorld.Content("minutes") }));

        Assert.Equal("minutes.txt", error.StoredFile!.Name);
        Assert.Contains(error.StoredFile!.Id.Value, error.Message, StringComparison.Ordinal);
        Assert.Equal("minutes"u8.ToArray(), _world.Storage.GetContent(error.StoredFile!.Id));

        // Retrying the link alone works; no second upload is needed.
        var link = (await _world.Service.LinkFilesAsync(FilesWorld.Alice, FilesWorld.WorkPackage, FilesWorld.CloudId, [error.StoredFile!.Id])).Single();
        Assert.Equal("minutes.txt", link.Origin.Name);
    }

    [Fact]
    public async Task Without_the_manage_permission_nothing_is_uploaded()
    {
        _world.Storage.ResetRequestCounts();

        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.UploadAndLinkAsync(FilesWorld.Bob, FilesWorld.WorkPackage, FilesWorld.CloudId, Projects, new FileUpload { FileName = "x.txt", Content = FilesWorld.Content("x") }));

        Assert.Equal(StorageErrorCode.PermissionMissing, error.Code);
        Assert.Equal(0, _world.Storage.RequestCount(StorageOperation.Upload));
    }

    [Fact]
    public async Task Uploading_a_name_that_exists_keeps_both_when_asked()
    {
        var link = await _world.Service.UploadAndLinkAsync(FilesWorld.Alice, FilesWorld.WorkPackage, FilesWorld.CloudId, Projects, new FileUpload { FileName = "plan.pdf", Content = FilesWorld.Content("v2") }, NameConflictPolicy.KeepBoth);

        Assert.Equal("plan (2).pdf", link.Origin.Name);
        Assert.Equal("plan"u8.ToArray(), _world.Storage.GetContent(_world.Plan.Id));
    }

    [Fact]
    public async Task Uploading_many_files_reports_each_file_and_links_only_the_stored_ones()
    {
        var results = await _world.Service.UploadAndLinkManyAsync(
            FilesWorld.Alice,
            FilesWorld.WorkPackage,
            FilesWorld.CloudId,
            Projects,
            [
                new FileUpload { FileName = "a.txt", Content = FilesWorld.Content("a") },
                new FileUpload { FileName = "plan.pdf", Content = FilesWorld.Content("clash") },
                new FileUpload { FileName = "b.txt", Content = FilesWorld.Content("b") },
            ]);

        Assert.Equal([true, false, true], results.Select(result => result.Succeeded));
        Assert.Equal(StorageErrorCode.Conflict, results[1].Error!.Code);
        Assert.Equal(["a.txt", "b.txt"], (await _world.Links.ListByContainerAsync(FilesWorld.WorkPackage)).Select(link => link.Origin.Name));
        Assert.Equal("plan"u8.ToArray(), _world.Storage.GetContent(_world.Plan.Id));
    }
}
