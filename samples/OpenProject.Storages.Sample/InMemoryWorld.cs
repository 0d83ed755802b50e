using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Sample;

/// <summary>The in-memory storage the story runs on: a small team's Nextcloud.</summary>
internal static class InMemoryWorld
{
    public static readonly HostUserId Alice = new("alice");
    public static readonly HostUserId Bob = new("bob");
    public static readonly HostUserId Carol = new("carol");
    public static readonly ContainerRef WorkPackage = ContainerRef.WorkPackage("1234");

    public static InMemoryFileStorage Create()
    {
        var storage = new InMemoryFileStorage(new StorageId("nextcloud"), "Nextcloud");
        storage.AddUser("alice", "Alice Adams");
        storage.AddUser("bob", "Bob Baker", StoragePermissions.Read);
        storage.AddUser("carol", "Carol Clark", StoragePermissions.Read);
        storage.AddFolder(StoragePath.Parse("/Projects/Apollo/Designs"), createdBy: "Alice Adams");
        storage.AddFile(StoragePath.Parse("/Projects/Apollo/Budget 2026.xlsx"), "budget", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Alice Adams");
        storage.AddFile(StoragePath.Parse("/Projects/Apollo/Old draft.docx"), "draft", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Alice Adams");
        storage.AddFile(StoragePath.Parse("/HR/Salaries.xlsx"), "secret", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Alice Adams");
        storage.Deny("bob", StoragePath.Parse("/HR"));
        return storage;
    }
}
