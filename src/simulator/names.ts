/** Word lists for the generated estate: plausible customers, departments, people and machines. */

export const MSP_NAME = 'Northwind IT Services'

export const COMPANIES = [
  'Acme Logistics AB', 'Björkdal Dental', 'Contoso Retail', 'Dalarna Timber AB', 'Eriksson & Berg Advokatbyrå',
  'Fjällvind Energi', 'Göta Kanal Bygg', 'Halland Veterinary Clinic', 'Isberg Consulting', 'Järnväg Teknik AB',
  'Kalmar Hamn', 'Lindqvist Arkitekter', 'Malmö Musikhus', 'Nordic Freight Partners', 'Öresund Biotech',
  'Polaris Accounting', 'Qvist Fastigheter', 'Rosengård Skola', 'Sundsvall Pappersbruk', 'Tegelbruket Design',
  'Umeå Medical Imaging', 'Vattenfall Byrå', 'Westholm Marine', 'Ystad Bageri', 'Zeta Robotics',
  'Fabrikam Manufacturing', 'Tailspin Toys Nordic', 'Wide World Importers', 'Alpine Ski Resort', 'Blue Yonder Airlines',
  'Coho Winery', 'Litware Labs', 'Adventure Works Cycles', 'Proseware Software', 'Trey Research',
  'Woodgrove Bank Filial', 'Lucerne Publishing', 'Margie’s Travel', 'Humongous Insurance', 'Northwind Traders'
] as const

export const DEPARTMENTS = [
  'Finance', 'HR Department', 'Marketing Department', 'Sales', 'IT Operations', 'Research & Development',
  'Legal', 'Customer Support', 'Warehouse', 'Production', 'Procurement', 'Reception', 'Management',
  'Engineering', 'Quality Assurance', 'Stockholm Office', 'Göteborg Office', 'Malmö Office', 'Lab', 'Archive'
] as const

export const FIRST_NAMES = [
  'Jenny', 'Lisa', 'Anna', 'Erik', 'Johan', 'Maria', 'Karin', 'Lars', 'Sofia', 'Oskar', 'Elin', 'Magnus', 'Sara',
  'Per', 'Emma', 'Nils', 'Ida', 'Anders', 'Hanna', 'Mikael', 'Linnea', 'Gustav', 'Frida', 'Henrik', 'Maja',
  'Viktor', 'Klara', 'David', 'Amir', 'Fatima', 'Leo', 'Noah', 'Aisha', 'Jonas', 'Petra', 'Ulf'
] as const

export const SERVER_ROLES = ['FILESRV', 'DC', 'APPSRV', 'WEBSRV', 'PRINTSRV', 'EXCH', 'BACKUPSRV', 'ERP', 'CAD', 'RDS'] as const
export const LINUX_HOSTS = ['web', 'db', 'git', 'mail', 'proxy', 'build', 'nas', 'monitor', 'ldap', 'files'] as const

export const USERS = [
  'demo@example.com', 'anna.lind@northwind.example', 'erik.holm@northwind.example', 'service-account@northwind.example'
] as const

export const NOTES = [
  'Reception PC, front desk.', 'Moved to new building in spring.', 'Owner: IT Operations.', 'Replaced disk, monitor closely.',
  'Keep until contract ends.', 'Laptop, often offline.', 'Critical: payroll data.', 'Shared scanner folder lives here.'
] as const

export const FILESPACES_WINDOWS = ['\\\\{h}\\c$', '\\\\{h}\\d$', '\\\\{h}\\e$', 'SYSTEM STATE', 'ASR'] as const
export const FILESPACES_LINUX = ['/', '/home', '/var', '/srv', '/opt', '/boot'] as const
export const FILESPACES_MAC = ['/', '/Users', '/Applications'] as const
