namespace StreamRead.Bench.Infrastructure;

/// <summary>Latencies in milliseconds and their percentiles (nearest rank).</summary>
internal sealed class LatencySamples
{
    private readonly List<double> _values = [];

    public int Count
    {
        get
        {
            lock (_values)
            {
                return _values.Count;
            }
        }
    }

    public void Add(double milliseconds)
    {
        lock (_values)
        {
            _values.Add(milliseconds);
        }
    }

    public void Clear()
    {
        lock (_values)
        {
            _values.Clear();
        }
    }

    public double Percentile(double p)
    {
        lock (_values)
        {
            if (_values.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _values.Order().ToArray();
            var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
        }
    }
}
