using Microsoft.Extensions.Time.Testing;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Abstractions.Tests.Links;

/// <summary>
/// A small world for the file link service: one in-memory storage with Alice (manages work package 42),
/// Bob (may only view it, and cannot see /Secret) and Carol (never connected her account).
/// </summary>
internal sealed class FilesWorld
{
    public static readonly StorageId CloudId = new("cloud");
    public static readonly ContainerRef WorkPackage = ContainerRef.WorkPackage("42");
    public static readonly HostUserId Alice = new("alice");
    public static readonly HostUserId Bob = new("bob");
    public static readonly HostUserId Carol = new("carol");

    public FilesWorld()
    {
        Storage = new InMemoryFileStorage(CloudId, "Nextcloud", Time);
        Storage.AddUser("alice-nc", "Alice Admin");
        Storage.AddUser("bob-nc", "Bob Builder", StoragePermissions.Read);
        Storage.AddUser("carol-nc", "Carol");
        Storage.Connect(Alice, "alice-nc");
        Storage.Connect(Bob, "bob-nc");

        Plan = Storage.AddFile(StoragePath.Parse("/Projects/plan.pdf"), "plan", "application/pdf", createdBy: "Alice Admin");
        Notes = Storage.AddFile(StoragePath.Parse("/Projects/notes.md"), "# notes", "text/markdown", createdBy: "Alice Admin");
        Projects = Storage.Find(StoragePath.Parse("/Projects"))!;
        Salaries = Storage.AddFile(StoragePath.Parse("/Secret/salaries.xlsx"), "42", "application/vnd.ms-excel", createdBy: "Alice Admin");
        Storage.Deny("bob-nc", StoragePath.Parse("/Secret"));

        Authorization.AllowManage(Alice, WorkPackage);
        Authorization.AllowView(Bob, WorkPackage);
        Authorization.AllowManage(Carol, WorkPackage);
        Service = new FileLinkService(new FileStorageCatalog([Storage]), Links, Authorization, new DefaultStorageProblemDescriber());
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    public InMemoryFileStorage Storage { get; }

    public InMemoryFileLinkRepository Links { get; } = new();

    public InMemoryFileLinkAuthorization Authorization { get; } = new();

    public FileLinkService Service { get; }

    public StorageItem Plan { get; }

    public StorageItem Notes { get; }

    public StorageItem Projects { get; }

    public StorageItem Salaries { get; }

    public async Task<FileLink> LinkAsync(StorageItem item) =>
        (await Service.LinkFilesAsync(Alice, WorkPackage, CloudId, [item.Id])).Single();

    public static MemoryStream Content(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));
}
