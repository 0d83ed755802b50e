namespace OpenProject.Storages.Nextcloud.Upload;

/// <summary>
/// Spare chunk buffers of exactly the chunk size (as many as one upload has chunks in flight), kept by one
/// storage between chunked uploads. Without it every such upload leaves its chunk-sized arrays on the large
/// object heap; back-to-back uploads then pile up garbage until a full collection, and the working set
/// grows with the number of uploads. <see cref="System.Buffers.ArrayPool{T}.Shared"/> would round 10 MiB up
/// to 16 MiB and keep arrays per thread. Only buffers of a completed upload come back, so no buffer a
/// cancelled request might still be sending from is handed out again.
/// </summary>
internal sealed class ChunkBufferCache
{
    private readonly Lock _lock = new();
    private readonly byte[]?[] _spares;

    /// <summary>Keeps up to <paramref name="capacity"/> spare buffers (the chunks one upload has in flight).</summary>
    public ChunkBufferCache(int capacity) => _spares = new byte[]?[Math.Max(capacity, 1)];

    /// <summary>A spare buffer of exactly <paramref name="size"/> bytes, or <see langword="null"/>.</summary>
    public byte[]? Take(int size)
    {
        lock (_lock)
        {
            for (var i = 0; i < _spares.Length; i++)
            {
                if (_spares[i] is { } buffer)
                {
                    _spares[i] = null;
                    if (buffer.Length == size)
                    {
                        return buffer;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Keeps a buffer for the next upload if a slot is free; otherwise it is left to the GC.</summary>
    public void Give(byte[] buffer)
    {
        lock (_lock)
        {
            for (var i = 0; i < _spares.Length; i++)
            {
                if (_spares[i] is null)
                {
                    _spares[i] = buffer;
                    return;
                }
            }
        }
    }
}
