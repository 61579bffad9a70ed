global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Logging;
global using Xinyong.Application.Cases;
global using Xinyong.Application.Disclosure;
global using Xinyong.Application.Lists;
global using Xinyong.Application.Network;
global using Xinyong.Application.SignIn;
