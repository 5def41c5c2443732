//
//  TokenRefresher.m
//  HelpdeskPhone
//
//  Refreshes the Twilio Client (TCDevice, SDK 1.2) capability token before it expires.
//

#import "TokenRefresher.h"
#import "TwilioClient.h"

@implementation TokenRefresher

// A method of ours whose selector repeats the SDK's: its definition is not an SDK call.
- (void)updateCapabilityToken:(NSDictionary *)info
{
    NSString *token = info[@"token"];
    [self.device updateCapabilityToken:token]; // capmig-expect: client-ios-tcdevice capability-client
}

+ (instancetype)refresherWithDevice:(TCDevice *)device
{
    TokenRefresher *r = [[TokenRefresher alloc] init];
    r.device = device;
    return r;
}

@end
