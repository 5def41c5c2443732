// A Xamarin app on the legacy Twilio Client mobile SDKs through their C# bindings: the iOS
// TCDevice and the Android Twilio.CreateDevice both take a capability token.
using System.Threading.Tasks;
using TwilioClient.iOS;

namespace Softphone.Shared
{
    public class IosPhone
    {
        TCDevice device;

        public async Task Login(ITokenSource tokens)
        {
            var token = await tokens.FetchAsync();
            device = new TCDevice(token, null); // capmig-expect: client-xamarin-device capability-client
        }

        public async Task Refresh(ITokenSource tokens)
        {
            device.UpdateCapabilityToken(await tokens.FetchAsync()); // capmig-expect: client-xamarin-device capability-client
        }
    }

    public class DroidPhone
    {
        Com.Twilio.Client.IDevice device;

        public void Login(Android.Content.Context context, string token, IDeviceListener listener)
        {
            device = Com.Twilio.Client.Twilio.CreateDevice(token, listener); // capmig-expect: client-xamarin-device capability-client
        }

        // Not a use: the binding's own declaration of the method.
        public virtual void UpdateCapabilityToken(string token) { }
    }
}
