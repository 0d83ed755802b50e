using Microsoft.Extensions.Time.Testing;

namespace OpenProject.Storages.Testing.Tests.Files;

/// <summary>A storage on a fake clock with Alice connected (all permissions) and Bob connected (read-only), for the tests below.</summary>
internal sealed class StorageScenario
{
    public StorageScenario()
    {
        Storage = new InMemoryFileStorage(new StorageId("files"), "Files", Time);
        Storage.AddUser("alice", "Alice Adams");
        Storage.AddUser("bob", "Bob Brown", StoragePermissions.Read);
        Storage.Connect(AliceUser, "alice");
        Storage.Connect(BobUser, "bob");
    }

    public static HostUserId AliceUser { get; } = new("alice-host");

    public static HostUserId BobUser { get; } = new("bob-host");

    public static StorageActor Alice { get; } = StorageActor.ForUser(AliceUser);

    public static StorageActor Bob { get; } = StorageActor.ForUser(BobUser);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public InMemoryFileStorage Storage { get; }

    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static StoragePath Path(string path) => StoragePath.Parse(path);

    public static MemoryStream Content(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));
}
