using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenProject.Storages.WebSample.Host;

namespace OpenProject.Storages.WebSample.Pages.WorkPackages;

/// <summary>
/// The location picker: opens in the project's default folder, navigates folders with a breadcrumb, and either links the selected
/// files and folders or, with staged uploads, uploads them into the current folder and links them ("Choose location").
/// </summary>
public sealed class LocationModel(HostDirectory directory, FileStorageCatalog storages, FileLinkService fileLinks, UploadStaging staging) : PageModel
{
    /// <summary>Deeper than this many levels, the breadcrumb shows the root, "…", the parent and the current folder.</summary>
    public const int BreadcrumbLevels = 4;

    public HostWorkPackage WorkPackage { get; private set; } = null!;

    public FolderListing? Listing { get; private set; }

    public StagedUpload? Upload { get; private set; }

    public IReadOnlyList<string> Conflicts { get; private set; } = [];

    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string Storage { get; set; } = SampleStorage.Id.Value;

    [BindProperty(SupportsGet = true)]
    public string? Folder { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Staged { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (directory.FindWorkPackage(id) is not { } workPackage)
        {
            return NotFound();
        }

        WorkPackage = workPackage;
        Upload = staging.Find(Staged, SignedInUser.Of(User));
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostStageAsync(string id, List<IFormFile> files, CancellationToken cancellationToken)
    {
        if (directory.FindWorkPackage(id) is null || files.Count == 0)
        {
            return RedirectToPage("Show", new { id });
        }

        var upload = await staging.StageAsync(SignedInUser.Of(User), files, cancellationToken);
        return RedirectToPage(new { id, storage = Storage, staged = upload.Id });
    }

    public async Task<IActionResult> OnPostLinkAsync(string id, List<string> fileIds, CancellationToken cancellationToken)
    {
        if (directory.FindWorkPackage(id) is not { } workPackage)
        {
            return NotFound();
        }

        WorkPackage = workPackage;
        try
        {
            var linked = await fileLinks.LinkFilesAsync(SignedInUser.Of(User), workPackage.Container, new StorageId(Storage), fileIds.Select(fileId => new FileId(fileId)).ToList(), cancellationToken);
            TempData["Message"] = $"Linked {linked.Count} {(linked.Count == 1 ? "item" : "items")}.";
            return RedirectToPage("Show", new { id });
        }
        catch (StorageException exception)
        {
            Error = exception.Message;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    /// <summary>Uploads the staged files into the current folder; a name taken asks the user (keep both, replace, or cancel).</summary>
    public async Task<IActionResult> OnPostUploadAsync(string id, NameConflictPolicy conflictPolicy, CancellationToken cancellationToken)
    {
        if (directory.FindWorkPackage(id) is not { } workPackage)
        {
            return NotFound();
        }

        WorkPackage = workPackage;
        var user = SignedInUser.Of(User);
        Upload = staging.Find(Staged, user);
        if (Upload is null)
        {
            TempData["Message"] = "The chosen files are no longer waiting for a location; choose them again.";
            return RedirectToPage("Show", new { id });
        }

        var files = UploadStaging.Open(Upload);
        IReadOnlyList<FileUploadResult> results;
        try
        {
            results = await fileLinks.UploadAndLinkManyAsync(user, workPackage.Container, new StorageId(Storage), StoragePath.Parse(Folder ?? "/"), files, conflictPolicy, cancellationToken);
        }
        catch (StorageException exception)
        {
            Error = exception.Message;
            await LoadAsync(cancellationToken);
            return Page();
        }
        finally
        {
            foreach (var file in files)
            {
                await file.Content.DisposeAsync();
            }
        }

        Conflicts = results.Where(result => result.Error?.Code == StorageErrorCode.Conflict).Select(result => result.FileName).ToList();
        var failed = results.Where(result => !result.Succeeded && result.Error?.Code != StorageErrorCode.Conflict).ToList();
        if (Conflicts.Count > 0)
        {
            // The other files are stored and linked; keep only the conflicting ones staged and ask what to do with them.
            Upload = staging.Keep(Upload, Conflicts);
            await LoadAsync(cancellationToken);
            return Page();
        }

        staging.Remove(Upload);
        TempData["Message"] = failed.Count == 0
            ? $"Uploaded and linked {results.Count} {(results.Count == 1 ? "file" : "files")}."
            : string.Join(" ", failed.Select(result => $"{result.FileName}: {result.Error!.Message}"));
        return RedirectToPage("Show", new { id });
    }

    /// <summary>The breadcrumb's entries: all levels, or root, an ellipsis (null) with the hidden levels, parent and current.</summary>
    public IReadOnlyList<StoragePath?> Breadcrumb()
    {
        if (Listing is null)
        {
            return [];
        }

        var all = Listing.Ancestors.Append(Listing.Folder.Location).Select(path => (StoragePath?)path).ToList();
        return all.Count <= BreadcrumbLevels ? all : [all[0], null, all[^2], all[^1]];
    }

    public IReadOnlyList<StoragePath> HiddenLevels()
    {
        var all = Listing is null ? [] : Listing.Ancestors.Append(Listing.Folder.Location).ToList();
        return all.Count <= BreadcrumbLevels ? [] : all.Skip(1).Take(all.Count - 3).ToList();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var folder = Folder is { Length: > 0 } ? StoragePath.Parse(Folder) : directory.DefaultFolder(WorkPackage.ProjectId);
        try
        {
            Listing = await storages.Get(new StorageId(Storage)).ListFolderAsync(StorageActor.ForUser(SignedInUser.Of(User)), folder, cancellationToken);
            Folder = Listing.Folder.Location.ToString();
        }
        catch (StorageException exception)
        {
            Error ??= exception.Message;
        }
    }
}
