using System.Buffers;
using System.Xml;

namespace OpenProject.Storages.Nextcloud.WebDav.Xml;

/// <summary>
/// The unread bytes of a body read asynchronously, in a pooled buffer that holds at least the node being
/// read: it starts at 64 KiB and doubles only for a node larger than that, up to <c>maxNodeBytes</c>
/// (at most <see cref="MaxNodeBytes"/>).
/// </summary>
internal sealed class XmlInputBuffer(Stream stream, int maxNodeBytes = XmlInputBuffer.MaxNodeBytes) : IDisposable
{
    /// <summary>
    /// The largest node the buffer grows to hold. A response with a long ACL list is kilobytes; this bound
    /// stops a broken or hostile server from making one node as large as memory.
    /// </summary>
    public const int MaxNodeBytes = 32 * 1024 * 1024;

    private const int InitialBytes = 64 * 1024;

    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(InitialBytes);
    private int _start;
    private int _end;

    /// <summary>The bytes read and not yet consumed.</summary>
    public ReadOnlySpan<byte> Data => _bytes.AsSpan(_start, _end - _start);

    /// <summary>Whether the body has ended: <see cref="Data"/> is all there is.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>Marks <paramref name="count"/> bytes of <see cref="Data"/> as consumed.</summary>
    public void Advance(int count) => _start += count;

    /// <summary>Reads more bytes after <see cref="Data"/>; false when the body has ended.</summary>
    public async ValueTask<bool> ReadMoreAsync(CancellationToken cancellationToken)
    {
        if (IsCompleted)
        {
            return false;
        }

        var unread = _end - _start;
        if (unread == _bytes.Length)
        {
            var limit = Math.Min(maxNodeBytes, MaxNodeBytes);
            if (_bytes.Length >= limit)
            {
                throw new XmlNodeTooLargeException(limit);
            }

            var larger = ArrayPool<byte>.Shared.Rent(_bytes.Length * 2);
            Data.CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }
        else if (_start > 0)
        {
            Data.CopyTo(_bytes);
        }

        (_start, _end) = (0, unread);
        var read = await stream.ReadAsync(_bytes.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        IsCompleted = read == 0;
        return !IsCompleted;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
    }
}

/// <summary>One node of a body (a name, a property) is larger than the reader's limit.</summary>
internal sealed class XmlNodeTooLargeException(int limit)
    : XmlException($"One node of the body is larger than the limit of {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes.")
{
    /// <summary>The limit, in bytes.</summary>
    public int Limit { get; } = limit;
}
