using OpenProject.Storages.ProjectFolders;
using static OpenProject.Storages.Testing.StoreConformance;

namespace OpenProject.Storages.Testing;

/// <summary>What every <see cref="IProjectFolderStateStore"/> must do: keep one folder id per project and storage.</summary>
internal static class ProjectFolderStateScenarios
{
    private static readonly StorageId Nextcloud = new("nextcloud");
    private static readonly StorageId Other = new("other");

    public static StoreConformanceCase[] Cases =>
    [
        new("Project folder ids are empty before the first save and read back per storage", RoundTripAsync),
        new("Saving a project's folder id again replaces it and keeps the other projects' ids", ReplaceAsync),
        new("An empty project id is refused and nothing of that save is stored", RefusedAsync),
    ];

    private static async Task RoundTripAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        Check((await stores.NewProjectFolderStateStore().GetFolderIdsAsync(Nextcloud, ct).ConfigureAwait(false)).Count == 0, "A storage that was never synchronized has folder ids.");

        await stores.NewProjectFolderStateStore().SaveFolderIdsAsync(Nextcloud, Ids(("3", "301"), ("4", "401")), ct).ConfigureAwait(false);
        await stores.NewProjectFolderStateStore().SaveFolderIdsAsync(Other, Ids(("3", "9001")), ct).ConfigureAwait(false);

        var read = await stores.NewProjectFolderStateStore().GetFolderIdsAsync(Nextcloud, ct).ConfigureAwait(false);
        Check(read.Count == 2 && read["3"] == new FileId("301") && read["4"] == new FileId("401"), "The saved folder ids did not read back.");
        Check((await stores.NewProjectFolderStateStore().GetFolderIdsAsync(Other, ct).ConfigureAwait(false))["3"] == new FileId("9001"), "The folder ids of two storages were mixed up.");
    }

    private static async Task ReplaceAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        await stores.NewProjectFolderStateStore().SaveFolderIdsAsync(Nextcloud, Ids(("3", "301"), ("4", "401")), ct).ConfigureAwait(false);

        await stores.NewProjectFolderStateStore().SaveFolderIdsAsync(Nextcloud, Ids(("3", "302")), ct).ConfigureAwait(false);

        var read = await stores.NewProjectFolderStateStore().GetFolderIdsAsync(Nextcloud, ct).ConfigureAwait(false);
        Check(read.Count == 2, $"Replacing one project's folder id left {read.Count} ids instead of 2.");
        Check(read["3"] == new FileId("302"), "The replaced folder id was not stored.");
        Check(read["4"] == new FileId("401"), "Another project's folder id was lost.");
    }

    private static async Task RefusedAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        try
        {
            await stores.NewProjectFolderStateStore().SaveFolderIdsAsync(Nextcloud, Ids(("5", "501"), (string.Empty, "1")), ct).ConfigureAwait(false);
            Check(false, "An empty project id was accepted.");
        }
        catch (ArgumentException)
        {
        }

        Check((await stores.NewProjectFolderStateStore().GetFolderIdsAsync(Nextcloud, ct).ConfigureAwait(false)).Count == 0, "A refused save stored part of its ids.");
    }

    private static Dictionary<string, FileId> Ids(params (string Project, string Folder)[] ids) =>
        ids.ToDictionary(id => id.Project, id => new FileId(id.Folder), StringComparer.Ordinal);
}
