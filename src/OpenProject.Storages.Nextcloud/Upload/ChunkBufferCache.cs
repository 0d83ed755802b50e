namespace OpenProject.Storages.Nextcloud.Upload;

/// <summary>
/// Up to two spare chunk buffers of exactly the chunk size, kept by one storage between chunked uploads of
/// streams of unknown length. Without it every such upload leaves two chunk-sized arrays on the large
/// object heap; back-to-back uploads then pile up garbage until a full collection, and the working set
/// grows with the number of uploads. <see cref="System.Buffers.ArrayPool{T}.Shared"/> would round 10 MiB up
/// to 16 MiB and keep arrays per thread. Only buffers of a completed upload come back, so no buffer a
/// cancelled request might still be sending from is handed out again.
/// </summary>
internal sealed class ChunkBufferCache
{
    private readonly Lock _lock = new();
    private readonly byte[]?[] _spares = new byte[]?[2];

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
