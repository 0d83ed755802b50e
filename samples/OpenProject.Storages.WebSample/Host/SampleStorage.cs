using OpenProject.Storages.Testing;

namespace OpenProject.Storages.WebSample.Host;

/// <summary>The embedded default storage: an in-memory "Nextcloud" with a small team's files, rebuilt on every start.</summary>
public static class SampleStorage
{
    public static readonly StorageId Id = new("nextcloud");

    public static InMemoryFileStorage Create()
    {
        var storage = new InMemoryFileStorage(Id, "Nextcloud");
        storage.AddUser("alice", "Alice Adams");
        storage.AddUser("bob", "Bob Baker", StoragePermissions.Read);
        storage.AddUser("carol", "Carol Clark");
        storage.AddFolder(StoragePath.Parse("/Projects/Apollo/Designs"), createdBy: "Alice Adams");
        storage.AddFile(StoragePath.Parse("/Projects/Apollo/Budget 2026.xlsx"), "budget", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Alice Adams");
        storage.AddFile(StoragePath.Parse("/Projects/Apollo/Old draft.docx"), "draft", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Alice Adams");
        storage.AddFile(StoragePath.Parse("/Projects/Apollo/Designs/Logo.svg"), "<svg/>", "image/svg+xml", "Alice Adams");

        // Six levels deep, so the picker's breadcrumb collapses its middle.
        storage.AddFile(StoragePath.Parse("/Archive/2024/Q4/Apollo/Reviews/Final/Review notes.md"), "# Notes", "text/markdown", "Alice Adams");
        storage.AddFile(StoragePath.Parse("/HR/Salaries.xlsx"), "secret", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Alice Adams");
        storage.Deny("bob", StoragePath.Parse("/HR"));
        return storage;
    }
}
