using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Abstractions.Tests.Identity;

/// <summary>
/// <c>default(FileId)</c> and its kin are values a caller can make but never meant: using one is a clear
/// <see cref="ArgumentException"/>, never a null that travels into a storage request or a database row.
/// </summary>
public sealed class DefaultIdTests
{
    private static readonly HostUserId Alice = new("alice");
    private static readonly ContainerRef WorkPackage = ContainerRef.WorkPackage("1");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public void Reading_a_default_id_names_its_type()
    {
        Assert.Contains("default(FileId)", Assert.Throws<ArgumentException>(() => default(FileId).Value).Message, StringComparison.Ordinal);
        Assert.Contains("default(StorageId)", Assert.Throws<ArgumentException>(() => default(StorageId).Value).Message, StringComparison.Ordinal);
        Assert.Contains("default(HostUserId)", Assert.Throws<ArgumentException>(() => default(HostUserId).Value).Message, StringComparison.Ordinal);
        Assert.Contains("default(FileLinkId)", Assert.Throws<ArgumentException>(() => default(FileLinkId).Value).Message, StringComparison.Ordinal);
        Assert.Contains("default(ContainerRef)", Assert.Throws<ArgumentException>(() => default(ContainerRef).Id).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => default(ContainerRef).Type);
    }

    [Fact]
    public void A_default_id_still_prints_compares_and_hashes()
    {
        // Logging or a dictionary lookup of a default value must not throw on its own.
        Assert.Equal(string.Empty, default(FileId).ToString());
        Assert.Equal(string.Empty, default(ContainerRef).ToString());
        Assert.Equal(default, default(StorageId));
        Assert.NotEqual(new StorageId("a"), default);
        _ = default(HostUserId).GetHashCode();
    }

    [Fact]
    public async Task Every_operation_of_the_file_link_service_refuses_a_default_id_by_its_parameter()
    {
        var storage = new InMemoryFileStorage(new StorageId("cloud"));
        var file = storage.AddFile(StoragePath.Parse("/a.txt"), "a");
        var authorization = new InMemoryFileLinkAuthorization();
        authorization.AllowEverything(Alice);
        var service = new FileLinkService(new FileStorageCatalog([storage]), new InMemoryFileLinkRepository(), authorization, new DefaultStorageProblemDescriber());
        var upload = new FileUpload { FileName = "b.txt", Content = new MemoryStream([1]) };

        async Task Refused(string parameter, Func<Task> call) =>
            Assert.Equal(parameter, (await Assert.ThrowsAsync<ArgumentException>(call)).ParamName);

        await Refused("user", () => service.LinkFilesAsync(default, WorkPackage, storage.Id, [file.Id], _ct));
        await Refused("container", () => service.LinkFilesAsync(Alice, default, storage.Id, [file.Id], _ct));
        await Refused("storage", () => service.LinkFilesAsync(Alice, WorkPackage, default, [file.Id], _ct));
        await Refused("fileIds", () => service.LinkFilesAsync(Alice, WorkPackage, storage.Id, [file.Id, default], _ct));
        await Refused("user", () => service.ListFileLinksAsync(default, WorkPackage, _ct));
        await Refused("container", () => service.ListFileLinksAsync(Alice, default, _ct));
        await Refused("linkId", () => service.GetOpenLinkAsync(Alice, default, OpenLinkTarget.File, _ct));
        await Refused("linkId", () => service.GetDownloadLinkAsync(Alice, default, _ct));
        await Refused("linkId", () => service.OpenReadAsync(Alice, default, _ct));
        await Refused("linkId", () => service.UnlinkAsync(Alice, default, _ct));
        await Refused("user", () => service.UnlinkAsync(default, new FileLinkId("1"), _ct));
        await Refused("storage", () => service.UploadAndLinkAsync(Alice, WorkPackage, default, StoragePath.Root, upload, cancellationToken: _ct));
        await Refused("container", () => service.UploadAndLinkManyAsync(Alice, default, storage.Id, StoragePath.Root, [upload], cancellationToken: _ct));
        await Refused("fileId", () => service.ListLinksToFileAsync(Alice, storage.Id, default, _ct));
        Assert.Empty(await service.ListLinksToFileAsync(Alice, storage.Id, file.Id, _ct)); // nothing was linked on the way
    }

    [Fact]
    public void A_relative_path_starts_at_the_root()
    {
        Assert.Equal(StoragePath.Parse("/Folder/a.txt"), StoragePath.Parse("Folder/a.txt"));
    }
}
