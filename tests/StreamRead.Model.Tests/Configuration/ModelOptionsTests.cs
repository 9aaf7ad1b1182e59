namespace StreamRead.Model.Tests.Configuration;

/// <summary>Options are validated up front with a message that says what to fix.</summary>
public sealed class ModelOptionsTests
{
    [Fact]
    public void TheDefaults_AreSpec25sWindowAndAValidConfiguration()
    {
        var options = new ModelOptions();

        options.Validate();

        Assert.Equal(TimeSpan.FromSeconds(60), options.EarlyReadWindow);
        Assert.True(options.HotWindowSize >= 1 && options.MaxPendingReadsPerMember >= 1);
    }

    public static TheoryData<ModelOptions, string> InvalidOptions => new()
    {
        { new ModelOptions { EarlyReadWindow = TimeSpan.Zero }, nameof(ModelOptions.EarlyReadWindow) },
        { new ModelOptions { EarlyReadWindow = TimeSpan.FromSeconds(-1) }, nameof(ModelOptions.EarlyReadWindow) },
        { new ModelOptions { HotWindowSize = 0 }, nameof(ModelOptions.HotWindowSize) },
        { new ModelOptions { MaxPendingReadsPerMember = 0 }, nameof(ModelOptions.MaxPendingReadsPerMember) },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void AnInvalidSetting_IsRejectedByName_AlsoWhenCreatingAConversation(ModelOptions options, string setting)
    {
        var error = Assert.Throws<ArgumentException>(() => new ConversationState("c", options));

        Assert.Equal(setting, error.ParamName);
        Assert.Contains("default", error.Message);
    }
}
