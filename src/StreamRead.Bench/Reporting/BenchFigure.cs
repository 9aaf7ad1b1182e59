namespace StreamRead.Bench.Reporting;

/// <summary>One measured figure of a bench run.</summary>
/// <param name="Scenario">The scenario that measured it (as <c>--only</c> names it).</param>
/// <param name="Name">What was measured.</param>
/// <param name="Value">The measured value.</param>
/// <param name="Unit">The unit of <paramref name="Value"/> (records/s, ms, B, x, ...).</param>
/// <param name="Target">The target it is held to (e.g. <c>&gt;= 0.7</c>), or null for a figure without one.</param>
/// <param name="Met">Whether the target is met; null without a target.</param>
public sealed record BenchFigure(string Scenario, string Name, double Value, string Unit, string? Target = null, bool? Met = null)
{
    /// <summary>A figure held to <c>value &gt;= minimum</c>.</summary>
    public static BenchFigure AtLeast(string scenario, string name, double value, string unit, double minimum) =>
        new(scenario, name, value, unit, $">= {Format(minimum)}", value >= minimum);

    /// <summary>A figure held to <c>value &lt;= maximum</c>.</summary>
    public static BenchFigure AtMost(string scenario, string name, double value, string unit, double maximum) =>
        new(scenario, name, value, unit, $"<= {Format(maximum)}", value <= maximum);

    /// <summary>The value as the table shows it: thousands separated, at most 3 significant decimals.</summary>
    public string FormattedValue => Format(Value);

    internal static string Format(double value) =>
        double.IsNaN(value) ? "n/a"
        : Math.Abs(value) >= 1_000 ? value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 10 ? value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)
        : value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
