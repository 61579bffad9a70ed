global using Xinyong.Application.Platform;
global using Xinyong.Application.Reports;
