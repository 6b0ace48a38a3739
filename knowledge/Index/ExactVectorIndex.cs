using System.Numerics.Tensors;

namespace VoiceHelper.Knowledge.Index;

/// <summary>
/// An exact nearest-neighbour index: every search computes the dot product of the query with every stored vector.
/// </summary>
/// <remarks>
/// Vectors are stored normalized to unit length in one contiguous array, so the dot product is the cosine similarity.
/// A search costs time linear in <see cref="Count"/>: a median of 6 ms at 100,000 vectors of 384 dimensions in the
/// vector-search benchmark (docs/benchmarks.md). That suits small indexes, and it is the recall and speed baseline
/// of <see cref="UsearchVectorIndex"/>. Searches run concurrently, and upserts and removals take an exclusive lock.
/// </remarks>
public sealed class ExactVectorIndex : IVectorIndex
{
    private const int InitialCapacity = 1024;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<ulong, int> _rowByKey = [];
    private float[] _vectors;
    private ulong[] _keys;
    private int _count;
    private bool _disposed;

    /// <summary>Creates an empty index of vectors of <paramref name="dimensions"/> scalars.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is not positive.</exception>
    public ExactVectorIndex(int dimensions = 384)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);

        Dimensions = dimensions;
        MaxCount = Array.MaxLength / dimensions;
        _keys = new ulong[Math.Min(InitialCapacity, MaxCount)];
        _vectors = new float[_keys.Length * dimensions];
    }

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <inheritdoc />
    public long Count => Volatile.Read(ref _count);

    /// <summary>
    /// The maximum number of vectors, because one .NET array stores them all: about 5.6 million of 384 dimensions.
    /// </summary>
    public int MaxCount { get; }

    /// <inheritdoc />
    /// <remarks>
    /// Within one call, the last entry of a key wins. The call validates every entry before it changes anything.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The index would exceed <see cref="MaxCount"/>.</exception>
    public void Upsert(IReadOnlyList<(ulong Key, float[] Vector)> entries)
    {
        VectorArguments.ThrowIfInvalid(entries, Dimensions);

        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            foreach (var (key, vector) in entries)
            {
                if (!_rowByKey.TryGetValue(key, out var row))
                {
                    row = AppendRow(key);
                }

                var target = Row(row);
                TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), target);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public void Remove(IReadOnlyCollection<ulong> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);

        _lock.EnterWriteLock();
        try
        {
            ThrowIfDisposed();
            foreach (var key in keys)
            {
                RemoveRow(key);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int count)
    {
        VectorArguments.ThrowIfInvalidQuery(query, Dimensions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);

        _lock.EnterReadLock();
        try
        {
            ThrowIfDisposed();
            var limit = Math.Min(count, _count);
            return limit == 0 ? [] : TopMatches(query, limit);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Drops the stored vectors. Later calls throw.</summary>
    public void Dispose()
    {
        _lock.EnterWriteLock();
        try
        {
            _disposed = true;
            _rowByKey.Clear();
            _vectors = [];
            _keys = [];
            Volatile.Write(ref _count, 0);
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        // The lock stays undisposed so that a caller that raced with Dispose gets ObjectDisposedException from
        // ThrowIfDisposed rather than from the lock.
    }

    private VectorMatch[] TopMatches(ReadOnlySpan<float> query, int limit)
    {
        // A min-heap of the best rows so far: its root is the weakest of them, the first to be replaced.
        var best = new PriorityQueue<int, float>(limit + 1);
        for (var row = 0; row < _count; row++)
        {
            var similarity = TensorPrimitives.Dot(query, Row(row));
            if (best.Count < limit)
            {
                best.Enqueue(row, similarity);
            }
            else if (best.TryPeek(out _, out var weakest) && similarity > weakest)
            {
                best.EnqueueDequeue(row, similarity);
            }
        }

        // The stored rows have unit length, so dividing by the query's length turns dot products into cosines.
        var queryLength = TensorPrimitives.Norm(query);
        var matches = new VectorMatch[best.Count];
        for (var rank = matches.Length - 1; rank >= 0; rank--)
        {
            best.TryDequeue(out var row, out var similarity);
            matches[rank] = new VectorMatch(_keys[row], similarity / queryLength);
        }

        return matches;
    }

    private int AppendRow(ulong key)
    {
        if (_count == _keys.Length)
        {
            Grow();
        }

        var row = _count;
        _keys[row] = key;
        _rowByKey[key] = row;
        Volatile.Write(ref _count, row + 1);
        return row;
    }

    private void RemoveRow(ulong key)
    {
        if (!_rowByKey.Remove(key, out var row))
        {
            return;
        }

        // Move the last row into the hole, so the rows stay contiguous.
        var last = _count - 1;
        if (row != last)
        {
            Row(last).CopyTo(Row(row));
            _keys[row] = _keys[last];
            _rowByKey[_keys[row]] = row;
        }

        Volatile.Write(ref _count, last);
    }

    private void Grow()
    {
        if (_keys.Length >= MaxCount)
        {
            throw new InvalidOperationException(
                $"The exact vector index is full: it holds at most {MaxCount} vectors of {Dimensions} dimensions. " +
                $"Use {nameof(UsearchVectorIndex)} for larger collections.");
        }

        var capacity = (int)Math.Min((long)_keys.Length * 2, MaxCount);
        Array.Resize(ref _keys, capacity);
        Array.Resize(ref _vectors, capacity * Dimensions);
    }

    private Span<float> Row(int row) => _vectors.AsSpan(row * Dimensions, Dimensions);

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
