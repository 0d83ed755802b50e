using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenProject.Storages.ProjectFolders;
using OpenProject.Storages.Testing;
using OpenProject.Storages.WebSample.Host;

namespace OpenProject.Storages.WebSample.Pages;

/// <summary>Administration: the storage's setup report, the project's default folder, and a project folder sync with its report.</summary>
public sealed class AdminModel(
    HostDirectory directory,
    StorageSetupValidation validation,
    FileStorageCatalog storages,
    InMemoryProjectFolderStorage teamFolders,
    IProjectFolderSyncLock syncLock) : PageModel
{
    public HostProject Project => directory.Projects[0];

    public bool IsAdmin { get; private set; }

    public StorageSetupReport? Setup { get; private set; }

    public ProjectFolderSyncReport? Sync { get; private set; }

    [BindProperty]
    public string? DefaultFolder { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Authorize())
        {
            return Page();
        }

        DefaultFolder = directory.DefaultFolder(Project.Id).ToString();
        Setup = await validation.ValidateAsync(SampleStorage.Id, new StorageSetupValidationContext { ActingUser = SignedInUser.Of(User) }, cancellationToken);
        return Page();
    }

    /// <summary>Sets the folder the location picker opens in, after checking that the admin can open it.</summary>
    public async Task<IActionResult> OnPostDefaultFolderAsync(CancellationToken cancellationToken)
    {
        if (!Authorize())
        {
            return Page();
        }

        try
        {
            var folder = StoragePath.Parse(DefaultFolder ?? "/");
            var listing = await storages.Get(SampleStorage.Id).ListFolderAsync(StorageActor.ForUser(SignedInUser.Of(User)), folder, cancellationToken);
            directory.SetDefaultFolder(Project.Id, listing.Folder.Location);
            Message = $"The location picker of {Project.Name} now opens in {listing.Folder.Location}.";
        }
        catch (Exception exception) when (exception is StorageException or ArgumentException)
        {
            Message = $"The default folder was not changed: {exception.Message}";
        }

        return RedirectToPage();
    }

    /// <summary>Synchronizes the project's managed folder with its members and shows the report.</summary>
    public async Task<IActionResult> OnPostSyncAsync(CancellationToken cancellationToken)
    {
        if (!Authorize())
        {
            return Page();
        }

        var synchronizer = new ProjectFolderSynchronizer(teamFolders, new ProjectFolderSyncOptions { SyncLock = syncLock, SyncLockName = SampleStorage.Id.Value });
        var project = new ManagedProject
        {
            ProjectId = Project.Id,
            Name = Project.Name,
            FolderId = directory.ProjectFolder(Project.Id),
            Members = directory.Users.Select(user => new ProjectFolderMember
            {
                User = new HostUserId(user.Id),

                // Carol has no account in the project folder storage yet: the report lists her as skipped.
                StorageUserId = user.Id == "carol" ? null : user.Id,
                Permissions = user.IsProjectAdmin ? StoragePermissions.All : StoragePermissions.Read,
            }).ToList(),
        };
        Sync = await synchronizer.SynchronizeAsync(new ProjectFolderDesiredState { TechnicalUserId = teamFolders.TechnicalUserId, GroupId = "OpenProject", Projects = [project] }, cancellationToken);
        if (Sync.FolderIds.TryGetValue(Project.Id, out var folderId))
        {
            directory.SetProjectFolder(Project.Id, folderId);
        }

        DefaultFolder = directory.DefaultFolder(Project.Id).ToString();
        Setup = await validation.ValidateAsync(SampleStorage.Id, new StorageSetupValidationContext { ActingUser = SignedInUser.Of(User) }, cancellationToken);
        return Page();
    }

    private bool Authorize() => IsAdmin = directory.FindUser(SignedInUser.Of(User).Value)?.IsProjectAdmin == true;
}
