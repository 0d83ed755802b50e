using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenProject.Storages.WebSample.Host;
using OpenProject.Storages.WebSample.Login;

namespace OpenProject.Storages.WebSample.Pages.WorkPackages;

/// <summary>
/// A work package with its Files tab: linked files with live status, open, download, show in folder, unlink. "Nextcloud login"
/// goes to <see cref="LoginEndpoints.ConnectUrl"/> and comes back here.
/// </summary>
public sealed class ShowModel(HostDirectory directory, FileLinkService fileLinks, IFileLinkAuthorization authorization, IFileLinkRepository links, FileStorageCatalog storages) : PageModel
{
    public HostWorkPackage WorkPackage { get; private set; } = null!;

    public ContainerFileLinks Files { get; private set; } = null!;

    public bool CanManage { get; private set; }

    public string LoginUrl => LoginEndpoints.ConnectUrl($"/WorkPackages/{WorkPackage.Id}");

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (directory.FindWorkPackage(id) is not { } workPackage)
        {
            return NotFound();
        }

        WorkPackage = workPackage;
        var user = SignedInUser.Of(User);
        // Every configured storage gets its section, also before anything is linked, so users can log in and link the first file.
        Files = await fileLinks.ListFileLinksAsync(user, workPackage.Container, [.. storages.All.Select(storage => storage.Id)], cancellationToken);
        CanManage = await authorization.CanManageFileLinksAsync(user, workPackage.Container, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetOpenAsync(string id, string link, bool folder, CancellationToken cancellationToken)
    {
        var target = folder ? OpenLinkTarget.ContainingFolder : OpenLinkTarget.File;
        return await WithStorageAsync(id, async () => Redirect((await fileLinks.GetOpenLinkAsync(SignedInUser.Of(User), new FileLinkId(link), target, cancellationToken)).AbsoluteUri));
    }

    public async Task<IActionResult> OnGetDownloadAsync(string id, string link, CancellationToken cancellationToken)
    {
        var user = SignedInUser.Of(User);
        return await WithStorageAsync(id, async () =>
        {
            // The library checks the user's view permission and the storage's own permissions; the repository only names the file.
            var content = await fileLinks.OpenReadAsync(user, new FileLinkId(link), cancellationToken);
            var found = await links.GetAsync(new FileLinkId(link), cancellationToken);
            if (found is null)
            {
                await content.DisposeAsync();
                return NotFound();
            }

            return File(content, found.Origin.MimeType ?? "application/octet-stream", found.Origin.Name);
        });
    }

    public async Task<IActionResult> OnPostUnlinkAsync(string id, string link, CancellationToken cancellationToken) =>
        await WithStorageAsync(id, async () =>
        {
            // Unlinking removes the link only; the file stays in the storage.
            await fileLinks.UnlinkAsync(SignedInUser.Of(User), new FileLinkId(link), cancellationToken);
            Message = "The link was removed. The file itself was not changed.";
            return RedirectToPage(new { id });
        });

    private async Task<IActionResult> WithStorageAsync(string id, Func<Task<IActionResult>> action)
    {
        try
        {
            return await action();
        }
        catch (StorageException exception)
        {
            // The library's messages say what happened and what to do; they never contain secrets.
            Message = exception.Message;
            return RedirectToPage(new { id });
        }
    }
}
