using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenProject.Storages.WebSample.Host;

namespace OpenProject.Storages.WebSample.Pages;

/// <summary>The project's work packages.</summary>
public sealed class IndexModel(HostDirectory directory) : PageModel
{
    public HostDirectory Directory => directory;
}
