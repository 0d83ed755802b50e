using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenProject.Storages.Testing;
using OpenProject.Storages.WebSample.Host;

namespace OpenProject.Storages.WebSample.Pages;

/// <summary>The user's own settings: the Nextcloud connection and disconnecting it.</summary>
public sealed class SettingsModel(InMemoryFileStorage storage, StorageConnections connections) : PageModel
{
    public StorageConnectionState State { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        State = await connections.GetStateAsync(SignedInUser.Of(User), storage.Id, cancellationToken);

    public IActionResult OnPost()
    {
        storage.Disconnect(SignedInUser.Of(User));
        Message = "Disconnected from Nextcloud. Your links stay; log in again to see their status.";
        return RedirectToPage();
    }
}
