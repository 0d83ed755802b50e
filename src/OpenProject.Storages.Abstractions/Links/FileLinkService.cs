using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenProject.Storages.Internal;

namespace OpenProject.Storages;

/// <summary>
/// The "files on a work package" story, provider-neutral: link, list with live status, open,
/// download, upload-and-link, unlink and reverse lookup. Every action checks the host's permission
/// first and then acts in the storage with the user's own access.
/// </summary>
public sealed partial class FileLinkService
{
    private readonly FileStorageCatalog _storages;
    private readonly IFileLinkRepository _links;
    private readonly IFileLinkAuthorization _authorization;
    private readonly IStorageProblemDescriber _problems;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    /// <param name="storages">The configured storages.</param>
    /// <param name="links">The host's link repository.</param>
    /// <param name="authorization">The host's permission rules.</param>
    /// <param name="problems">How failures are described to users.</param>
    /// <param name="logger">The logger; optional.</param>
    public FileLinkService(
        FileStorageCatalog storages,
        IFileLinkRepository links,
        IFileLinkAuthorization authorization,
        IStorageProblemDescriber problems,
        ILogger<FileLinkService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(storages);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(problems);
        _storages = storages;
        _links = links;
        _authorization = authorization;
        _problems = problems;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Links files or folders to a container. The origin data is read from the storage with the
    /// user's own access, never taken from the caller, so a link pushed from the storage side is
    /// verified the same way. All files are checked before any link is added: if one cannot be
    /// linked, none is. Linking a file that is already linked returns the existing link.
    /// </summary>
    /// <param name="user">The acting user; needs "manage file links" on the container.</param>
    /// <param name="container">The container.</param>
    /// <param name="storage">The storage the files are in.</param>
    /// <param name="fileIds">The files and folders to link.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The links, in the order of the distinct ids.</returns>
    /// <exception cref="ArgumentException"><paramref name="fileIds"/> is empty.</exception>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.PermissionMissing"/> without the host permission; <see cref="StorageErrorCode.Forbidden"/> or <see cref="StorageErrorCode.NotFound"/> when the user cannot see a file; any failure of the storage.</exception>
    public Task<IReadOnlyList<FileLink>> LinkFilesAsync(HostUserId user, ContainerRef container, StorageId storage, IReadOnlyCollection<FileId> fileIds, CancellationToken cancellationToken = default) =>
        Telemetry.RunAsync("link", storage, () => LinkFilesCoreAsync(user, container, storage, fileIds, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<FileLink>> LinkFilesCoreAsync(HostUserId user, ContainerRef container, StorageId storage, IReadOnlyCollection<FileId> fileIds, CancellationToken cancellationToken)
    {
        DefaultValue.ThrowIfDefault(user);
        DefaultValue.ThrowIfDefault(container);
        DefaultValue.ThrowIfDefault(storage);
        ArgumentNullException.ThrowIfNull(fileIds);
        if (fileIds.Count == 0)
        {
            throw new ArgumentException("Name at least one file to link.", nameof(fileIds));
        }

        foreach (var fileId in fileIds)
        {
            DefaultValue.ThrowIfDefault(fileId, nameof(fileIds));
        }

        await DemandManageAsync(user, container, cancellationToken).ConfigureAwait(false);
        var fileStorage = _storages.Get(storage);
        var ids = fileIds.Distinct().ToArray();
        var infos = await fileStorage.GetFileInfosAsync(StorageActor.ForUser(user), ids, cancellationToken).ConfigureAwait(false);

        var items = new List<StorageItem>(ids.Length);
        foreach (var id in ids)
        {
            var info = infos.TryGetValue(id, out var found) ? found : FileInfoResult.NotFound(id);
            items.Add(info.Status switch
            {
                FileInfoStatus.Found => info.Item!,
                FileInfoStatus.Forbidden => throw new StorageException(StorageErrorCode.Forbidden, $"You have no access to file {id} in {fileStorage.ProductName}; nothing was linked."),
                FileInfoStatus.NotFound => throw new StorageException(StorageErrorCode.NotFound, $"File {id} does not exist in {fileStorage.ProductName}; nothing was linked."),
                _ => throw info.Error ?? new StorageException(StorageErrorCode.Unknown, $"{fileStorage.ProductName} could not read file {id}; nothing was linked."),
            });
        }

        var links = new List<FileLink>(items.Count);
        foreach (var item in items)
        {
            links.Add(await AddLinkAsync(user, container, storage, item, cancellationToken).ConfigureAwait(false));
        }

        return links;
    }

    /// <summary>
    /// Lists a container's links with their live status for the user: one bulk request per
    /// storage. The cached origin data is always returned; files the user can see get it refreshed
    /// (and stored). A storage that fails gets a state (login required, no connection, fetch error)
    /// and its links the status <see cref="FileLinkStatus.Error"/>.
    /// </summary>
    /// <param name="user">The acting user; needs "view file links" on the container.</param>
    /// <param name="container">The container.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The links grouped by storage.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.PermissionMissing"/> without the host permission.</exception>
    public Task<ContainerFileLinks> ListFileLinksAsync(HostUserId user, ContainerRef container, CancellationToken cancellationToken = default) =>
        ListFileLinksAsync(user, container, [], cancellationToken);

    /// <summary>
    /// Lists a container's links as <see cref="ListFileLinksAsync(HostUserId, ContainerRef, CancellationToken)"/> does, with a
    /// section for each of <paramref name="storages"/> even when it has no links, as OpenProject's Files tab shows every
    /// storage of the project: a storage that implements <see cref="IStorageConnectionState"/> tells without a request
    /// whether the user must log in first, so "Login to Nextcloud" shows before anything is linked.
    /// </summary>
    /// <param name="user">The acting user; needs "view file links" on the container.</param>
    /// <param name="container">The container.</param>
    /// <param name="storages">The storages the container's project uses, in the order to show them; storages with links but
    /// not named here follow them.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The links grouped by storage.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.PermissionMissing"/> without the host permission.</exception>
    public Task<ContainerFileLinks> ListFileLinksAsync(HostUserId user, ContainerRef container, IReadOnlyCollection<StorageId> storages, CancellationToken cancellationToken = default) =>
        Telemetry.RunAsync("files_tab", null, () => ListFileLinksCoreAsync(user, container, storages, cancellationToken), cancellationToken);

    private async Task<ContainerFileLinks> ListFileLinksCoreAsync(HostUserId user, ContainerRef container, IReadOnlyCollection<StorageId> storages, CancellationToken cancellationToken)
    {
        DefaultValue.ThrowIfDefault(user);
        DefaultValue.ThrowIfDefault(container);
        ArgumentNullException.ThrowIfNull(storages);
        foreach (var storage in storages)
        {
            DefaultValue.ThrowIfDefault(storage, nameof(storages));
        }

        await DemandViewAsync(user, container, cancellationToken).ConfigureAwait(false);
        var links = (await _links.ListByContainerAsync(container, cancellationToken).ConfigureAwait(false)).ToLookup(link => link.Storage);
        var sections = storages.Concat(links.Select(group => group.Key)).Distinct()
            .Select(storage => links.Contains(storage)
                ? DescribeStorageLinksAsync(user, storage, links[storage].ToArray(), cancellationToken)
                : DescribeUnlinkedStorageAsync(user, storage, cancellationToken));
        var tab = new ContainerFileLinks { Container = container, Storages = await Task.WhenAll(sections).ConfigureAwait(false) };
        Telemetry.CountListed(tab);
        return tab;
    }

    /// <summary>The URL that opens a linked file (or its folder) in the storage, after the storage confirmed the user may see it.</summary>
    /// <param name="user">The acting user; needs "view file links" on the container.</param>
    /// <param name="linkId">The link.</param>
    /// <param name="target">The file itself or its containing folder.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The URL.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotFound"/> for an unknown link or a deleted file; <see cref="StorageErrorCode.Forbidden"/> when the storage refuses the user; <see cref="StorageErrorCode.PermissionMissing"/> without the host permission.</exception>
    public Task<Uri> GetOpenLinkAsync(HostUserId user, FileLinkId linkId, OpenLinkTarget target, CancellationToken cancellationToken = default) =>
        Telemetry.RunAsync("open_link", null, () => GetOpenLinkCoreAsync(user, linkId, target, cancellationToken), cancellationToken);

    private async Task<Uri> GetOpenLinkCoreAsync(HostUserId user, FileLinkId linkId, OpenLinkTarget target, CancellationToken cancellationToken)
    {
        DefaultValue.ThrowIfDefault(user);
        DefaultValue.ThrowIfDefault(linkId);
        var (link, storage) = await GetVisibleLinkAsync(user, linkId, cancellationToken).ConfigureAwait(false);
        await storage.GetFileInfoAsync(StorageActor.ForUser(user), link.OriginId, cancellationToken).ConfigureAwait(false);
        return storage.GetOpenLink(link.OriginId, target);
    }

    /// <summary>A short-lived download URL for a linked file, made with the user's own access.</summary>
    /// <param name="user">The acting user; needs "view file links" on the container.</param>
    /// <param name="linkId">The link.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The URL.</returns>
    /// <exception cref="StorageException">As for <see cref="GetOpenLinkAsync"/>, and <see cref="StorageErrorCode.NotSupported"/> when the storage cannot hand out download links.</exception>
    public Task<Uri> GetDownloadLinkAsync(HostUserId user, FileLinkId linkId, CancellationToken cancellationToken = default) =>
        Telemetry.RunAsync("download_link", null, () => GetDownloadLinkCoreAsync(user, linkId, cancellationToken), cancellationToken);

    private async Task<Uri> GetDownloadLinkCoreAsync(HostUserId user, FileLinkId linkId, CancellationToken cancellationToken)
    {
        DefaultValue.ThrowIfDefault(user);
        DefaultValue.ThrowIfDefault(linkId);
        var (link, storage) = await GetVisibleLinkAsync(user, linkId, cancellationToken).ConfigureAwait(false);
        return await storage.Require<IFileDownloads>().GetDownloadLinkAsync(StorageActor.ForUser(user), link.OriginId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Streams a linked file's content, read with the user's own access.</summary>
    /// <param name="user">The acting user; needs "view file links" on the container.</param>
    /// <param name="linkId">The link.</param>
    /// <param name="cancellationToken">Cancels opening the stream.</param>
    /// <returns>The content; the caller disposes it.</returns>
    /// <exception cref="StorageException">As for <see cref="GetDownloadLinkAsync"/>.</exception>
    public Task<Stream> OpenReadAsync(HostUserId user, FileLinkId linkId, CancellationToken cancellationToken = default) =>
        Telemetry.RunAsync("download", null, () => OpenReadCoreAsync(user, linkId, cancellationToken), cancellationToken);

    private async Task<Stream> OpenReadCoreAsync(HostUserId user, FileLinkId linkId, CancellationToken cancellationToken)
    {
        DefaultValue.ThrowIfDefault(user);
        DefaultValue.ThrowIfDefault(linkId);
        var (link, storage) = await GetVisibleLinkAsync(user, linkId, cancellationToken).ConfigureAwait(false);
        return await storage.Require<IFileDownloads>().OpenReadAsync(StorageActor.ForUser(user), link.OriginId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uploads a file into a folder and links it. A failed upload creates no link. When the file was
    /// stored but no link was made, a <see cref="FileStoredButNotLinkedException"/> names where it is:
    /// with the stored file when linking failed (linking alone can be retried), without it when the storage
    /// did not say which file it stored (nothing is linked, so no other file is ever linked in its place).
    /// </summary>
    /// <param name="user">The acting user; needs "manage file links" on the container (checked before anything is uploaded).</param>
    /// <param name="container">The container.</param>
    /// <param name="storage">The storage.</param>
    /// <param name="folder">The target folder.</param>
    /// <param name="file">The file.</param>
    /// <param name="conflictPolicy">What to do when the name exists in the folder.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new link.</returns>
    /// <exception cref="StorageException">The upload failed (nothing linked), or <see cref="FileStoredButNotLinkedException"/>.</exception>
    public Task<FileLink> UploadAndLinkAsync(HostUserId user, ContainerRef container, StorageId storage, StoragePath folder, FileUpload file, NameConflictPolicy conflictPolicy = NameConflictPolicy.Fail, CancellationToken cancellationToken = default) =>
        Telemetry.RunAsync("upload_and_link", storage, () => UploadAndLinkCoreAsync(user, container, storage, folder, file, conflictPolicy, cancellationToken), cancellationToken);

    private async Task<FileLink> UploadAndLinkCoreAsync(HostUserId user, ContainerRef container, StorageId storage, StoragePath folder, FileUpload file, NameConflictPolicy conflictPolicy, CancellationToken cancellationToken)
    {
        DefaultValue.ThrowIfDefault(user);
        DefaultValue.ThrowIfDefault(container);
        DefaultValue.ThrowIfDefault(storage);
        ArgumentNullException.ThrowIfNull(file);
        await DemandManageAsync(user, container, cancellationToken).ConfigureAwait(false);
        var uploads = _storages.Get(storage).Require<IFileUploads>();
        return await UploadOneAsync(uploads, user, container, storage, folder, file, conflictPolicy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uploads several files into a folder and links each, one after the other. Each file gets its
    /// own outcome; a failure of one does not stop the others.
    /// </summary>
    /// <param name="user">The acting user; needs "manage file links" on the container (checked before anything is uploaded).</param>
    /// <param name="container">The container.</param>
    /// <param name="storage">The storage.</param>
    /// <param name="folder">The target folder.</param>
    /// <param name="files">The files.</param>
    /// <param name="conflictPolicy">What to do when a name exists in the folder.</param>
    /// <param name="cancellationToken">Cancels the remaining uploads.</param>
    /// <returns>One result per file, in order.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.PermissionMissing"/> without the host permission; <see cref="StorageErrorCode.NotSupported"/> when the storage takes no uploads.</exception>
    public Task<IReadOnlyList<FileUploadResult>> UploadAndLinkManyAsync(HostUserId user, ContainerRef container, StorageId storage, StoragePath folder, IReadOnlyList<FileUpload> files, NameConflictPolicy conflictPolicy = NameConflictPolicy.Fail, CancellationToken cancellationToken = default) =>
        Telemetry.RunAsync("upload_and_link_many", storage, () => UploadAndLinkManyCoreAsync(user, container, storage, folder, files, conflictPolicy, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<FileUploadResult>> UploadAndLinkManyCoreAsync(HostUserId user, ContainerRef container, StorageId storage, StoragePath folder, IReadOnlyList<FileUpload> files, NameConflictPolicy conflictPolicy, CancellationToken cancellationToken)
    {
        DefaultValue.ThrowIfDefault(user);
        DefaultValue.ThrowIfDefault(container);
        DefaultValue.ThrowIfDefault(storage);
        ArgumentNullException.ThrowIfNull(files);
        await DemandManageAsync(user, container, cancellationToken).ConfigureAwait(false);
        var uploads = _storages.Get(storage).Require<IFileUploads>();
        var results = new List<FileUploadResult>(files.Count);
        foreach (var file in files)
        {
            ArgumentNullException.ThrowIfNull(file, nameof(files));
            try
            {
                var link = await UploadOneAsync(uploads, user, container, storage, folder, file, conflictPolicy, cancellationToken).ConfigureAwait(false);
                results.Add(new FileUploadResult { FileName = file.FileName, Link = link });
            }
            catch (StorageException error)
            {
                results.Add(new FileUploadResult { FileName = file.FileName, Error = error });
            }
        }

        return results;
    }

    /// <summary>
    /// Removes a link. The file in the storage is never touched. Refused when the storage says the
    /// user has no access to the file; allowed when the file no longer exists.
    /// </summary>
    /// <param name="user">The acting user; needs "manage file links" on the container.</param>
    /// <param name="linkId">The link.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the link is gone.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotFound"/> for an unknown link; <see cref="StorageErrorCode.Forbidden"/> when the storage refuses the user; <see cref="StorageErrorCode.PermissionMissing"/> without the host permission; a storage failure that prevented the check.</exception>
    public Task UnlinkAsync(HostUserId user, FileLinkId linkId, CancellationToken cancellationToken = default) =>
        Telemetry.RunAsync("unlink", null, () => UnlinkCoreAsync(user, linkId, cancellationToken), cancellationToken);

    private async Task UnlinkCoreAsync(HostUserId user, FileLinkId linkId, CancellationToken cancellationToken)
    {
        DefaultValue.ThrowIfDefault(user);
        DefaultValue.ThrowIfDefault(linkId);
        var link = await GetLinkAsync(linkId, cancellationToken).ConfigureAwait(false);
        await DemandManageAsync(user, link.Container, cancellationToken).ConfigureAwait(false);
        var storage = _storages.Get(link.Storage);
        try
        {
            await storage.GetFileInfoAsync(StorageActor.ForUser(user), link.OriginId, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException error) when (error.Code == StorageErrorCode.NotFound)
        {
            // A deleted file must not leave a link nobody can remove.
        }

        await _links.RemoveAsync(linkId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every link to a file (the reverse lookup), limited to containers whose links the user may view.</summary>
    /// <param name="user">The acting user.</param>
    /// <param name="storage">The storage.</param>
    /// <param name="fileId">The file.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The visible links, oldest first.</returns>
    public Task<IReadOnlyList<FileLink>> ListLinksToFileAsync(HostUserId user, StorageId storage, FileId fileId, CancellationToken cancellationToken = default) =>
        Telemetry.RunAsync("reverse_lookup", storage, () => ListLinksToFileCoreAsync(user, storage, fileId, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<FileLink>> ListLinksToFileCoreAsync(HostUserId user, StorageId storage, FileId fileId, CancellationToken cancellationToken)
    {
        DefaultValue.ThrowIfDefault(user);
        DefaultValue.ThrowIfDefault(storage);
        DefaultValue.ThrowIfDefault(fileId);
        var links = await _links.ListByOriginAsync(storage, fileId, cancellationToken).ConfigureAwait(false);
        var visible = new List<FileLink>(links.Count);
        foreach (var link in links)
        {
            if (await _authorization.CanViewFileLinksAsync(user, link.Container, cancellationToken).ConfigureAwait(false))
            {
                visible.Add(link);
            }
        }

        return visible;
    }

    private async Task<FileLink> UploadOneAsync(IFileUploads uploads, HostUserId user, ContainerRef container, StorageId storage, StoragePath folder, FileUpload file, NameConflictPolicy conflictPolicy, CancellationToken cancellationToken)
    {
        var stored = await uploads.UploadAsync(StorageActor.ForUser(user), folder, file.FileName, file.Content, conflictPolicy, cancellationToken).ConfigureAwait(false);
        try
        {
            return await AddLinkAsync(user, container, storage, stored, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogLinkAfterUploadFailed(storage, stored.Id, error);
            throw new FileStoredButNotLinkedException(stored, error);
        }
    }

    private Task<FileLink> AddLinkAsync(HostUserId user, ContainerRef container, StorageId storage, StorageItem item, CancellationToken cancellationToken) =>
        _links.AddAsync(
            new NewFileLink { Storage = storage, Container = container, OriginId = item.Id, Origin = FileOriginData.From(item), CreatedBy = user },
            cancellationToken);

    /// <summary>The section of a storage without links: its state from what the host keeps, never from a request.</summary>
    private async Task<StorageFileLinks> DescribeUnlinkedStorageAsync(HostUserId user, StorageId storageId, CancellationToken cancellationToken)
    {
        if (!_storages.TryGet(storageId, out var storage))
        {
            var missing = new StorageException(StorageErrorCode.NotConfigured, $"The storage '{storageId}' is not configured.");
            return Failed(storageId, storageId.Value, [], _problems.Describe(missing, storageId.Value));
        }

        if (storage is not IStorageConnectionState connection)
        {
            return new StorageFileLinks { Storage = storageId, ProductName = storage.ProductName, State = StorageConnectionState.Ready, Links = [] };
        }

        StorageException? problem;
        try
        {
            problem = await connection.GetConnectionStateAsync(user, cancellationToken).ConfigureAwait(false) switch
            {
                StorageConnectionState.LoginRequired => new StorageException(StorageErrorCode.Unauthorized, $"The user is not connected to {storage.ProductName}."),
                StorageConnectionState.NoConnection => new StorageException(StorageErrorCode.Unavailable, $"{storage.ProductName} could not be reached the last time."),
                _ => null,
            };
        }
        catch (StorageException error)
        {
            LogLiveStatusFailed(storageId, error.Code, error);
            problem = error;
        }

        return problem is null
            ? new StorageFileLinks { Storage = storageId, ProductName = storage.ProductName, State = StorageConnectionState.Ready, Links = [] }
            : Failed(storageId, storage.ProductName, [], _problems.Describe(problem, storage.ProductName));
    }

    private async Task<StorageFileLinks> DescribeStorageLinksAsync(HostUserId user, StorageId storageId, FileLink[] links, CancellationToken cancellationToken)
    {
        if (!_storages.TryGet(storageId, out var storage))
        {
            var missing = new StorageException(StorageErrorCode.NotConfigured, $"The storage '{storageId}' is not configured.");
            return Failed(storageId, storageId.Value, links, _problems.Describe(missing, storageId.Value));
        }

        IReadOnlyDictionary<FileId, FileInfoResult> infos;
        try
        {
            var ids = links.Select(link => link.OriginId).Distinct().ToArray();
            infos = await storage.GetFileInfosAsync(StorageActor.ForUser(user), ids, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException error)
        {
            LogLiveStatusFailed(storageId, error.Code, error);
            return Failed(storageId, storage.ProductName, links, _problems.Describe(error, storage.ProductName));
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            var timeout = new StorageException(StorageErrorCode.Unavailable, $"{storage.ProductName} did not answer in time.", innerException: error);
            LogLiveStatusFailed(storageId, timeout.Code, error);
            return Failed(storageId, storage.ProductName, links, _problems.Describe(timeout, storage.ProductName));
        }

        var entries = new FileLinkEntry[links.Length];
        for (var i = 0; i < links.Length; i++)
        {
            entries[i] = await ToEntryAsync(links[i], infos, cancellationToken).ConfigureAwait(false);
        }

        return new StorageFileLinks { Storage = storageId, ProductName = storage.ProductName, State = StorageConnectionState.Ready, Links = entries };
    }

    private async Task<FileLinkEntry> ToEntryAsync(FileLink link, IReadOnlyDictionary<FileId, FileInfoResult> infos, CancellationToken cancellationToken)
    {
        if (!infos.TryGetValue(link.OriginId, out var info))
        {
            return new FileLinkEntry { Link = link, Status = FileLinkStatus.Error };
        }

        switch (info.Status)
        {
            case FileInfoStatus.Found:
                var fresh = FileOriginData.From(info.Item!);
                if (fresh != link.Origin)
                {
                    await _links.UpdateOriginDataAsync(link.Storage, link.OriginId, fresh, cancellationToken).ConfigureAwait(false);
                    link = link with { Origin = fresh };
                }

                return new FileLinkEntry { Link = link, Status = FileLinkStatus.Available };
            case FileInfoStatus.Forbidden:
                return new FileLinkEntry { Link = link, Status = FileLinkStatus.NotAllowed };
            case FileInfoStatus.NotFound:
                return new FileLinkEntry { Link = link, Status = FileLinkStatus.NotFound };
            default:
                return new FileLinkEntry { Link = link, Status = FileLinkStatus.Error };
        }
    }

    private static StorageFileLinks Failed(StorageId storage, string productName, FileLink[] links, StorageProblem problem) => new()
    {
        Storage = storage,
        ProductName = productName,
        State = problem.State,
        Problem = problem,
        Links = Array.ConvertAll(links, link => new FileLinkEntry { Link = link, Status = FileLinkStatus.Error }),
    };

    private async Task<(FileLink Link, IFileStorage Storage)> GetVisibleLinkAsync(HostUserId user, FileLinkId linkId, CancellationToken cancellationToken)
    {
        var link = await GetLinkAsync(linkId, cancellationToken).ConfigureAwait(false);
        await DemandViewAsync(user, link.Container, cancellationToken).ConfigureAwait(false);
        return (link, _storages.Get(link.Storage));
    }

    private async Task<FileLink> GetLinkAsync(FileLinkId linkId, CancellationToken cancellationToken)
    {
        var link = await _links.GetAsync(linkId, cancellationToken).ConfigureAwait(false)
            ?? throw new StorageException(StorageErrorCode.NotFound, $"There is no file link with the id '{linkId}'.");

        // The operation's span learns its storage only now, from the link.
        System.Diagnostics.Activity.Current?.SetTag(StorageTelemetry.StorageTag, link.Storage.Value);
        return link;
    }

    private async Task DemandViewAsync(HostUserId user, ContainerRef container, CancellationToken cancellationToken)
    {
        if (!await _authorization.CanViewFileLinksAsync(user, container, cancellationToken).ConfigureAwait(false))
        {
            throw new StorageException(StorageErrorCode.PermissionMissing, $"You may not view the file links of {container}.");
        }
    }

    private async Task DemandManageAsync(HostUserId user, ContainerRef container, CancellationToken cancellationToken)
    {
        if (!await _authorization.CanManageFileLinksAsync(user, container, cancellationToken).ConfigureAwait(false))
        {
            throw new StorageException(StorageErrorCode.PermissionMissing, $"You may not manage the file links of {container}.");
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Reading the live status of file links in storage {StorageId} failed with {ErrorCode}")]
    private partial void LogLiveStatusFailed(StorageId storageId, StorageErrorCode errorCode, Exception error);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "File {FileId} was uploaded to storage {StorageId} but linking it failed")]
    private partial void LogLinkAfterUploadFailed(StorageId storageId, FileId fileId, Exception error);
}
