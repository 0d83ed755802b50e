using System.Collections.Concurrent;
using System.Globalization;

namespace OpenProject.Storages.WebSample.Host;

/// <summary>One file waiting for its destination: the user's file name and where the app keeps its bytes meanwhile.</summary>
public sealed record StagedFile(string Name, string Path);

/// <summary>One user's files waiting for a destination folder, between "Choose location" and "Upload here".</summary>
public sealed record StagedUpload(string Id, HostUserId Owner, IReadOnlyList<StagedFile> Files);

/// <summary>
/// Holds uploaded files while the user picks the destination folder in the location picker (the picker is a page of its own, so
/// the browser cannot keep the chosen files). Files go to a temporary folder and are deleted after the upload.
/// </summary>
public sealed class UploadStaging : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "openproject-storages-websample-uploads", Guid.NewGuid().ToString("N"));
    private readonly ConcurrentDictionary<string, StagedUpload> staged = new(StringComparer.Ordinal);

    public async Task<StagedUpload> StageAsync(HostUserId owner, IReadOnlyList<IFormFile> files, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var directory = Directory.CreateDirectory(Path.Combine(root, id)).FullName;
        var stagedFiles = new List<StagedFile>();
        foreach (var (file, index) in files.Select((file, index) => (file, index)))
        {
            // Kept under an index, not the user's file name: the name is only ever handed to the storage.
            var path = Path.Combine(directory, index.ToString(CultureInfo.InvariantCulture));
            await using (var target = File.Create(path))
            {
                await file.CopyToAsync(target, cancellationToken);
            }

            stagedFiles.Add(new StagedFile(Path.GetFileName(file.FileName), path));
        }

        var upload = new StagedUpload(id, owner, stagedFiles);
        staged[id] = upload;
        return upload;
    }

    public StagedUpload? Find(string? id, HostUserId owner) =>
        id is not null && staged.TryGetValue(id, out var upload) && upload.Owner == owner ? upload : null;

    /// <summary>Opens the staged files in order; the caller disposes the streams.</summary>
    public static IReadOnlyList<FileUpload> Open(StagedUpload upload) =>
        upload.Files.Select(file => new FileUpload { FileName = file.Name, Content = File.OpenRead(file.Path) }).ToList();

    /// <summary>Keeps only the named files staged (the ones whose names were taken) and deletes the others.</summary>
    public StagedUpload Keep(StagedUpload upload, IReadOnlyCollection<string> names)
    {
        foreach (var file in upload.Files.Where(file => !names.Contains(file.Name)))
        {
            File.Delete(file.Path);
        }

        var kept = upload with { Files = upload.Files.Where(file => names.Contains(file.Name)).ToList() };
        staged[upload.Id] = kept;
        return kept;
    }

    public void Remove(StagedUpload upload)
    {
        if (staged.TryRemove(upload.Id, out _))
        {
            foreach (var file in upload.Files)
            {
                File.Delete(file.Path);
            }
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
