namespace T; public class A{ [Xunit.Fact] public void B(){} }
